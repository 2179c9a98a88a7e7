-- wrk script: POSTs an AdmissionReview to the URL given on the command line; the body is the file named by the
-- REVIEW environment variable, else gateway-review.json beside this script (a Gateway CREATE). Example:
--   wrk -t1 -c1 -d10s --latency -s bench/wrk/post.lua https://127.0.0.1:8443/validate
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local f = assert(io.open(os.getenv("REVIEW") or (dir .. "gateway-review.json"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

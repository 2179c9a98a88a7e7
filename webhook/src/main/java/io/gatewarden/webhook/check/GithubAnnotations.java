package io.gatewarden.webhook.check;

import io.gatewarden.webhook.policy.Finding;

/**
 * {@code check --output github}: one GitHub Actions workflow command per finding
 * ({@code ::error file=F,line=L,title=RULE::message}), so findings appear on the pull request's diff, then the
 * summary line as plain text.
 */
public final class GithubAnnotations {

    private GithubAnnotations() {
    }

    public static String of(CheckResult result) {
        StringBuilder sb = new StringBuilder();
        for (LocatedFinding lf : result.findings()) {
            Finding f = lf.finding();
            String who = f.object().kind().isEmpty() ? "" : f.object() + " ";
            sb.append("::").append(f.isError() ? "error" : "warning").append(" file=").append(property(lf.file()));
            if (lf.line() > 0) {
                sb.append(",line=").append(lf.line());
            }
            sb.append(",title=").append(property(f.rule())).append("::").append(data(who + f.fieldMessage()))
                    .append('\n');
        }
        return sb.append(CheckReport.summary(result)).toString();
    }

    /** Escaping of a workflow command's message. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping of a workflow command's property value: also ':' and ','. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}

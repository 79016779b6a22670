package dev.crmmirror.ops;

import dev.crmmirror.store.RunHistory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code /runs}: the last runs of every module at a glance, for operators without SQL. */
@RestController
class RunsPage {

    private final SyncRunsEndpoint runs;

    RunsPage(SyncRunsEndpoint runs) {
        this.runs = runs;
    }

    @GetMapping(value = "/runs", produces = MediaType.TEXT_HTML_VALUE)
    String page() {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>crm-mirror runs</title><meta http-equiv="refresh" content="30">
                <style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;
                padding:4px 8px;text-align:left}.ok{color:#080}.failed{color:#c00;font-weight:bold}.skipped,.running{color:#888}</style>
                </head><body><h1>crm-mirror runs</h1>""");
        for (Map.Entry<String, SyncRunsEndpoint.ModuleRuns> e : runs.runs().entrySet()) {
            RunHistory.ModuleState s = e.getValue().state();
            html.append("<h2>").append(esc(e.getKey())).append("</h2><p>newest Modified_Time in the mirror: ")
                    .append(esc(String.valueOf(s.newestModifiedTime()))).append(" · last ok run ended: ")
                    .append(esc(String.valueOf(s.lastOkRunEnded()))).append(" · failed runs in a row: ").append(s.consecutiveFailures())
                    .append("</p><table><tr><th>started</th><th>kind</th><th>status</th><th>took</th><th>read</th><th>written</th>"
                            + "<th>quarantined</th><th>deleted</th><th>API calls</th><th>credits</th><th>error</th></tr>");
            for (RunHistory.Run r : e.getValue().runs()) {
                html.append("<tr><td>").append(esc(String.valueOf(r.startedAt()))).append("</td><td>").append(esc(r.kind()))
                        .append("</td><td class=\"").append(esc(r.status())).append("\">").append(esc(r.status())).append("</td><td>")
                        .append(took(r.duration())).append("</td><td>").append(r.read()).append("</td><td>").append(r.written())
                        .append("</td><td>").append(r.quarantined()).append("</td><td>").append(r.deleted()).append("</td><td>")
                        .append(r.apiCalls()).append("</td><td>").append(r.apiCredits()).append("</td><td>")
                        .append(r.error() == null ? "" : esc(r.error())).append("</td></tr>");
            }
            html.append("</table>");
        }
        return html.append("<p>As JSON: <a href=\"actuator/syncruns\">/actuator/syncruns</a> · rendered ")
                .append(Instant.now()).append("</p></body></html>").toString();
    }

    private static String took(Duration d) {
        return d == null ? "" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}

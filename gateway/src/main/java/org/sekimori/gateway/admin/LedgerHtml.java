package org.sekimori.gateway.admin;

import java.util.List;
import org.sekimori.gateway.admin.LedgerReport.Holder;
import org.sekimori.gateway.admin.LedgerReport.SystemEntry;
import org.sekimori.policy.RuleIds;
import org.sekimori.policy.model.DataItem;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.Purpose;
import org.springframework.web.util.HtmlUtils;

/**
 * The ledger as a page to print (A4 landscape, a data system to a page): plain HTML, no script, a
 * style sheet of its own, UTF-8. Every value, whatever file or answer it came from, goes through
 * {@link #text}, which escapes it.
 */
final class LedgerHtml {

    /** Allows the page's own style element and nothing else: no script, image, frame or form target. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String STYLE = """
            body { font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif;
                   font-size: 10pt; line-height: 1.4; margin: 1.5em; color: #000; }
            h1 { font-size: 16pt; margin: 0 0 .3em; }
            h2 { font-size: 13pt; margin: 1.2em 0 .4em; border-bottom: 1px solid #000; }
            h3 { font-size: 11pt; margin: .8em 0 .3em; }
            table { border-collapse: collapse; width: 100%; margin-bottom: .6em; }
            th, td { border: 1px solid #555; padding: 2px 5px; text-align: left; vertical-align: top; }
            th { background: #eee; font-weight: bold; }
            table.fields th { width: 18%; }
            .unknown { font-weight: bold; }
            @page { size: A4 landscape; margin: 12mm; }
            @media print {
              body { margin: 0; }
              section { break-before: page; }
              section:first-of-type { break-before: auto; }
              tr, li { break-inside: avoid; }
              th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;

    private LedgerHtml() {
    }

    static String of(LedgerReport report) {
        StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"UTF-8\">")
                .append("<title>個人情報管理台帳 (ledger of personal-data systems)</title><style>").append(STYLE)
                .append("</style></head><body>\n<h1>個人情報管理台帳 <small>Ledger of personal-data systems</small></h1>\n")
                .append("<p>作成日時 Generated: ").append(text(report.generatedAt().toString()))
                .append(" &nbsp; アクセスポリシー版 Policy version: ").append(text(report.policyVersion()))
                .append("</p>\n<p>個人データの値は含まれていません。This ledger holds no personal data: ")
                .append("item names and classifications only.</p>\n");
        for (SystemEntry entry : report.dataSystems()) {
            system(html, entry);
        }
        return html.append("</body></html>\n").toString();
    }

    private static void system(StringBuilder html, SystemEntry entry) {
        DataSystem system = entry.dataSystem();
        html.append("<section>\n<h2>").append(text(system.name())).append(" <small>(")
                .append(text(system.id())).append(")</small></h2>\n<table class=\"fields\">");
        field(html, "種類 Kind", system.kind());
        field(html, "媒体 Medium", system.medium());
        field(html, "保管場所 Storage location", system.storageLocation());
        field(html, "事務取扱責任者 Responsible", system.responsible());
        field(html, "保存期間 Retention", system.retention().toString());
        field(html, "廃棄方法 Deletion method", system.deletionMethod());
        html.append("<tr><th>件数 Records</th><td")
                .append(entry.records() instanceof RecordCount.Unknown ? " class=\"unknown\">" : ">")
                .append(text(LedgerText.records(entry.records()))).append("<br><small>")
                .append(text(entry.records().source())).append("</small></td></tr></table>\n");

        html.append("<h3>利用目的 Purposes of use</h3><table><tr><th>ID</th><th>Description</th>")
                .append("<th>Consent required</th></tr>");
        for (Purpose purpose : system.purposes()) {
            row(html, purpose.id(), purpose.description(), purpose.consentRequired() ? "yes" : "");
        }
        html.append("</table>\n<h3>記録項目 Data items</h3><table><tr><th>Item</th><th>Classification</th>")
                .append("<th>Description</th><th>Subject key</th></tr>");
        for (DataItem item : system.items()) {
            row(html, item.name(), LedgerText.word(item.classification()), item.description(),
                    item.subjectKey() ? "yes" : "");
        }
        html.append("</table>\n<h3>アクセス権限を有する取扱者 Handlers holding access rights</h3>");
        if (entry.holders().isEmpty()) {
            html.append("<p>None.</p>\n");
        } else {
            html.append("<table><tr><th>User ID</th><th>Name</th><th>Organisation</th><th>Roles</th>")
                    .append("<th>Contractor / access until</th><th>Grant</th><th>Actions</th><th>Purposes</th>")
                    .append("<th>Items (treatment)</th><th>Records limited to</th><th>Conditions</th></tr>");
            for (Holder holder : entry.holders()) {
                Handler handler = holder.handler();
                for (Grant grant : holder.grants()) {
                    row(html, handler.userId(), handler.displayName(), handler.organisation(),
                            String.join(", ", handler.roles()),
                            (handler.contractor() ? "contractor" : "") + handler.accessExpires()
                                    .map(last -> (handler.contractor() ? ", " : "") + "until " + last).orElse(""),
                            RuleIds.of(grant), String.join(", ", LedgerText.actions(grant)),
                            String.join(", ", LedgerText.purposes(system, grant).stream().map(Purpose::id).toList()),
                            LedgerText.itemsText(system, grant), LedgerText.rowsText(grant, handler),
                            LedgerText.conditionsText(grant));
                }
            }
            html.append("</table>\n");
        }
        html.append("</section>\n");
    }

    private static void field(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(text(name)).append("</th><td>").append(text(value)).append("</td></tr>");
    }

    private static void row(StringBuilder html, String... cells) {
        html.append("<tr>");
        for (String cell : List.of(cells)) {
            html.append("<td>").append(text(cell)).append("</td>");
        }
        html.append("</tr>");
    }

    /** The value escaped for HTML text and attributes; null as empty. */
    static String text(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value, "UTF-8");
    }
}

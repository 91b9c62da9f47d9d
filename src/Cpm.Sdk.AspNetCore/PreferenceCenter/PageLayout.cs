namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>The document around every page of the preference centre: language, head, styles, the language switch.</summary>
internal static class PageLayout
{
    private const string Styles = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b57d0; --danger: #b3261e; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f6f8fa; }
        header, main { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
        header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .5rem 1rem; padding-top: 1rem; }
        h1 { font-size: 1.6rem; margin: .25rem 0; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
        nav.lang ul { list-style: none; display: flex; gap: .75rem; margin: 0; padding: 0; }
        nav.lang a[aria-current] { font-weight: 700; text-decoration: none; color: var(--ink); }
        a { color: var(--accent); }
        .who, .hint, .state { color: var(--muted); }
        .hint { margin: .25rem 0 .5rem; font-size: .95rem; }
        .status { background: #e7f3e8; border-left: 4px solid #1a7f37; padding: .5rem .75rem; }
        fieldset { border: 1px solid var(--line); border-radius: 8px; background: #fff; margin: 0 0 1rem; padding: .5rem 1rem 1rem; }
        fieldset fieldset { margin: .75rem 0 0 1rem; background: #fbfcfd; }
        legend { font-weight: 600; padding: 0 .25rem; }
        .cells { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem 1rem; }
        .cell label, .freq label { font-weight: 500; }
        .cell .state { display: block; font-size: .85rem; margin-left: 1.9rem; }
        input[type=checkbox] { width: 1.25rem; height: 1.25rem; margin: 0 .5rem 0 0; vertical-align: -.2rem; accent-color: var(--accent); }
        select { font: inherit; padding: .25rem; }
        .freq { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .5rem 1rem; }
        .freq label { display: block; }
        button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); }
        button.danger { background: var(--danger); border-color: var(--danger); }
        :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
        section { border-top: 1px solid var(--line); margin-top: 1.5rem; }
        .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        """;

    /// <summary>Writes everything up to and including the opening of <c>main</c>.</summary>
    /// <param name="html">The page.</param>
    /// <param name="text">The page's words.</param>
    /// <param name="selfPath">This page's path, for the language switch.</param>
    /// <param name="heading">The page's title and heading.</param>
    public static void Open(Html html, PageText text, string selfPath, string heading)
    {
        html.Raw("<!DOCTYPE html>\n<html").Attr("lang", text.Language).Raw("><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Raw("<title>").Text(heading).Raw("</title><style>").Raw(Styles).Raw("</style></head><body><header><h1>").Text(heading).Raw("</h1>")
            .Raw("<nav class=\"lang\"").Attr("aria-label", text.LanguageNav).Raw("><ul>");
        LanguageLink(html, selfPath, PageLanguage.English, "English", text.Language);
        LanguageLink(html, selfPath, PageLanguage.Chinese, "中文", text.Language);
        html.Raw("</ul></nav></header><main>");
    }

    public static void Close(Html html) => html.Raw("</main></body></html>");

    private static void LanguageLink(Html html, string selfPath, string language, string name, string current) =>
        html.Raw("<li><a").Attr("href", selfPath + "?" + PageLanguage.QueryKey + "=" + language).Attr("lang", language).Attr("hreflang", language)
            .Attr("aria-current", language == current ? "true" : null).Raw(">").Text(name).Raw("</a></li>");
}

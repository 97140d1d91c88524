namespace Cohort.Dashboard.Rendering;

/// <summary>The dashboard's stylesheet, served from /static/cohort.css (no CDN). Colours from the Okabe–Ito palette.</summary>
internal static class Stylesheet
{
    public const string Icon = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#0072B2"/><path d="M3 12 L6 7 L9 9 L13 3" stroke="#fff" stroke-width="2" fill="none"/></svg>""";

    public const string Css = """
        :root { --blue: #0072B2; --orange: #E69F00; --sky: #56B4E9; --green: #009E73; --vermillion: #D55E00; --ink: #1a1a1a; --muted: #555; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; line-height: 1.5; }
        header { background: #f4f4f4; border-bottom: 1px solid #ccc; }
        nav { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: .75rem 1.5rem; align-items: center; }
        nav a { white-space: nowrap; }
        nav a { color: var(--blue); text-decoration: underline; }
        nav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--ink); }
        nav .brand { font-weight: 700; text-decoration: none; color: var(--ink); margin-right: 1rem; }
        main { padding: 1rem 1.5rem; max-width: 72rem; }
        footer { padding: 1rem 1.5rem; color: var(--muted); font-size: .9rem; }
        .figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
        .figure { border: 1px solid #ccc; padding: .75rem 1rem; min-width: 11rem; }
        .figure .value { font-size: 1.6rem; font-weight: 700; display: block; }
        .chart-and-table { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
        table { border-collapse: collapse; margin: 1rem 0; }
        caption { text-align: left; font-weight: 700; padding-bottom: .25rem; }
        th, td { border: 1px solid #bbb; padding: .25rem .6rem; text-align: right; }
        th[scope="row"], thead th { text-align: left; }
        .caveat { border-left: 6px solid var(--vermillion); background: #fff4ec; padding: .5rem 1rem; margin: 1rem 0; }
        .caveat h2 { font-size: 1.1rem; margin: .25rem 0; }
        .caveat li { margin: .25rem 0; }
        .caveat summary { cursor: pointer; color: var(--blue); text-decoration: underline; margin: .25rem 0; }
        .note { color: var(--muted); }
        nav .account { margin-left: auto; display: flex; gap: 1rem; align-items: center; }
        form.inline { display: inline; margin: 0; }
        .demo-banner { background: #fff4d6; border-bottom: 1px solid var(--orange); margin: 0; padding: .5rem 1.5rem; }
        .error { color: var(--vermillion); font-weight: 700; }
        form.signin label { display: inline-flex; flex-direction: column; gap: .2rem; }
        form.controls { display: flex; gap: 1rem; align-items: flex-end; flex-wrap: wrap; margin: 1rem 0; }
        form.controls > * { min-width: 0; max-width: 100%; }
        label { display: flex; flex-direction: column; font-weight: 600; }
        select, button { font: inherit; padding: .25rem .5rem; }
        select, input { max-width: 100%; }
        button { background: var(--blue); color: #fff; border: 0; padding: .4rem 1rem; }
        a.download { color: var(--blue); }
        svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
        svg[viewBox] { max-width: 100%; height: auto; }
        figure { margin: 1rem 0; }
        h1, code, .note { overflow-wrap: anywhere; }
        .wide > svg { min-width: 36rem; }
        @media (max-width: 40rem) { main { padding: 1rem .75rem; } }
        .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .5rem 1rem; }
        .multiples figure { margin: 0; }
        .wide { overflow-x: auto; max-width: 100%; }
        td.text { text-align: left; }
        fieldset.filters { flex-basis: 100%; border: 1px solid #ccc; margin: 0; padding: .25rem .75rem .5rem; }
        fieldset.filters > legend { font-weight: 400; padding: 0 .25rem; }
        fieldset.filters summary { cursor: pointer; color: var(--blue); text-decoration: underline; }
        .filter-groups { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: flex-start; }
        fieldset.filter-group { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 .9rem; max-width: 24rem; }
        fieldset.filter-group > legend { font-weight: 600; padding: 0; }
        fieldset.filter-group label { flex-direction: row; gap: .3rem; font-weight: 400; align-items: center; }
        """;
}

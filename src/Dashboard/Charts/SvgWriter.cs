using Microsoft.AspNetCore.Components.Rendering;

namespace Cohort.Dashboard.Charts;

/// <summary>
/// Writes inline SVG into a component's render tree: element names are fixed by the chart, and every attribute value and text is
/// added as data, which the renderer encodes; no chart builds markup in strings. (Charts are written in C# rather than Razor because
/// SVG's &lt;text&gt; element is Razor's own text tag inside code blocks.)
/// </summary>
internal sealed class SvgWriter(RenderTreeBuilder builder)
{
    public SvgWriter Open(string element, params (string Name, object Value)[] attributes)
    {
        builder.OpenElement(0, element);
        foreach (var (name, value) in attributes)
            builder.AddAttribute(1, name, value switch { double d => Rendering.Format.Svg(d), int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => value.ToString() });
        return this;
    }

    public SvgWriter Text(string content)
    {
        builder.AddContent(2, content);
        return this;
    }

    public void Close() => builder.CloseElement();

    /// <summary>An element with optional text content (e.g. a &lt;title&gt; for a tooltip and screen readers).</summary>
    public void Element(string element, string? text, params (string Name, object Value)[] attributes)
    {
        Open(element, attributes);
        if (text is not null) Text(text);
        Close();
    }

    /// <summary>A shape with a &lt;title&gt; child.</summary>
    public void Titled(string element, string title, params (string Name, object Value)[] attributes)
    {
        Open(element, attributes);
        Element("title", title);
        Close();
    }
}

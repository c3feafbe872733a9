using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// Markdown shown as plain text on a terminal (what <c>ecs-policy explain</c> prints): headings underlined, paragraphs
/// wrapped, lists with their markers, code blocks indented and never wrapped, links as "text (url)", tables as aligned
/// columns, HTML left out. No colour and no terminal codes, so the output is the same bytes when redirected.
/// Markdig parses (CommonMark and pipe tables); only the layout for a terminal is ours, as Markdig renders HTML and
/// Markdown but not plain text laid out for a fixed width.
/// </summary>
public static class TerminalMarkdown
{
    private const string CodeIndent = "    ";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    /// <summary>The text of <paramref name="markdown"/> laid out for <paramref name="width"/> columns, lines ending in '\n'.</summary>
    public static string Render(string markdown, int width = 100)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var lines = Blocks(document, Math.Max(width, 20));
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            sb.Append(line.TrimEnd()).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The lines of a container's blocks, a blank line between two blocks (none between the items of a tight list).</summary>
    private static List<string> Blocks(ContainerBlock container, int width, bool tight = false)
    {
        var lines = new List<string>();
        foreach (var block in container)
        {
            var rendered = Block(block, width);
            if (rendered.Count == 0)
            {
                continue;
            }

            if (lines.Count > 0 && !tight)
            {
                lines.Add("");
            }

            lines.AddRange(rendered);
        }

        return lines;
    }

    private static List<string> Block(Block block, int width)
    {
        switch (block)
        {
            case HtmlBlock:
                // HTML (the generator's comment among it) is not shown.
                return [];
            case HeadingBlock heading:
                var title = Inlines(heading.Inline);
                return heading.Level switch
                {
                    1 => [title, new string('=', Math.Min(title.Length, width))],
                    2 => [title, new string('-', Math.Min(title.Length, width))],
                    _ => [title],
                };
            case ParagraphBlock paragraph:
                return Wrap(Inlines(paragraph.Inline), width);
            case ListBlock list:
                return List(list, width);
            case QuoteBlock quote:
                return [.. Blocks(quote, width - 2).Select(l => l.Length == 0 ? ">" : "> " + l)];
            case Table table:
                return TableLines(table, width);
            case CodeBlock code:
                // Code is shown as written, indented: wrapping would change what a reader copies.
                var text = code.Lines.ToString().TrimEnd('\n', '\r');
                return [.. text.Split('\n').Select(l => CodeIndent + l.TrimEnd('\r'))];
            case ThematicBreakBlock:
                return [new string('-', Math.Min(width, 40))];
            case LeafBlock leaf when leaf.Inline != null:
                return Wrap(Inlines(leaf.Inline), width);
            case ContainerBlock container:
                return Blocks(container, width);
            default:
                // Link reference definitions and empty blocks show nothing.
                return [];
        }
    }

    private static List<string> List(ListBlock list, int width)
    {
        var lines = new List<string>();
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? number++ + ". " : "- ";
            var pad = new string(' ', marker.Length);
            // In a tight list, an item's paragraph and its nested list are not set apart by a blank line either.
            var inner = Blocks(item, width - marker.Length, tight: !list.IsLoose);
            if (lines.Count > 0 && list.IsLoose)
            {
                lines.Add("");
            }

            for (var i = 0; i < inner.Count; i++)
            {
                lines.Add(i == 0 ? marker + inner[i] : inner[i].Length == 0 ? "" : pad + inner[i]);
            }

            if (inner.Count == 0)
            {
                lines.Add(marker.TrimEnd());
            }
        }

        return lines;
    }

    /// <summary>
    /// A table as columns two spaces apart, a rule under the header (left out when the header is empty, as in the
    /// rule pages' fact table). When the columns are wider than the page, the last one is wrapped.
    /// </summary>
    private static List<string> TableLines(Table table, int width)
    {
        var rows = table.OfType<TableRow>()
            .Select(r => (r.IsHeader, Cells: r.OfType<TableCell>().Select(Cell).ToList()))
            .Where(r => !(r.IsHeader && r.Cells.All(c => c.Length == 0)))
            .ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var columns = rows.Max(r => r.Cells.Count);
        var widths = Enumerable.Range(0, columns).Select(i => rows.Max(r => i < r.Cells.Count ? r.Cells[i].Length : 0)).ToArray();
        var before = widths.Take(columns - 1).Sum() + (2 * (columns - 1));
        var last = Math.Max(width - before, 20);
        var lines = new List<string>();
        foreach (var (isHeader, cells) in rows)
        {
            var lastLines = Wrap(columns - 1 < cells.Count ? cells[columns - 1] : "", last);
            for (var i = 0; i < lastLines.Count; i++)
            {
                var line = new StringBuilder();
                for (var c = 0; c < columns - 1; c++)
                {
                    line.Append((i == 0 && c < cells.Count ? cells[c] : "").PadRight(widths[c])).Append("  ");
                }

                lines.Add(line.Append(lastLines[i]).ToString());
            }

            if (isHeader)
            {
                lines.Add(string.Join("  ", widths.Select((w, c) => new string('-', c == columns - 1 ? Math.Min(w, last) : w))));
            }
        }

        return lines;
    }

    private static string Cell(TableCell cell) =>
        string.Join(" ", cell.OfType<LeafBlock>().Select(b => Inlines(b.Inline, quoteCode: false)));

    /// <summary>
    /// The text of inline content: emphasis dropped, links as "text (url)", HTML left out. Code keeps its backticks in
    /// prose, where without them a reader cannot tell where <c>-- reason</c> starts and ends; a table cell is code or
    /// not as a whole, and shows it without them.
    /// </summary>
    private static string Inlines(ContainerInline? inlines, bool quoteCode = true)
    {
        var sb = new StringBuilder();
        AppendInlines(sb, inlines, quoteCode);
        return sb.ToString();
    }

    private static void AppendInlines(StringBuilder sb, ContainerInline? inlines, bool quoteCode)
    {
        if (inlines is null)
        {
            return;
        }

        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.ToString());
                    break;
                case CodeInline code when quoteCode:
                    sb.Append('`').Append(code.Content).Append('`');
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    sb.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var text = Inlines(link, quoteCode);
                    var url = link.Url ?? "";
                    sb.Append(text);
                    if (url.Length > 0 && url != text)
                    {
                        sb.Append(" (").Append(url).Append(')');
                    }

                    break;
                case LineBreakInline lineBreak:
                    sb.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline:
                    break;
                case ContainerInline container:
                    AppendInlines(sb, container, quoteCode);
                    break;
                default:
                    sb.Append(inline.ToString());
                    break;
            }
        }
    }

    /// <summary>Text wrapped at spaces to <paramref name="width"/> columns; a word longer than that has a line of its own; '\n' is kept.</summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        foreach (var paragraphLine in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraphLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }
}

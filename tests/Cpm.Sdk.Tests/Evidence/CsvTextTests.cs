using System.Text;
using Cpm.Sdk.Evidence.Export;

namespace Cpm.Sdk.Tests.Evidence;

/// <summary>RFC 4180 cells, and the neutralising of cells a spreadsheet program would run as formulas.</summary>
public sealed class CsvTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("用户 😀", "用户 😀")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("line\r\nbreak", "\"line\r\nbreak\"")]
    [InlineData("lf\nonly", "\"lf\nonly\"")]
    [InlineData("mid=dle", "mid=dle")]
    [InlineData("1-2", "1-2")]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("+86 138", "\"'+86 138\"")]
    [InlineData("-5", "\"'-5\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tindented", "\"'\tindented\"")]
    [InlineData("\rreturn", "\"'\rreturn\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    public void A_cell_is_written_as_RFC_4180_and_neutralised_when_it_could_be_a_formula(string value, string expected)
    {
        Write(output => CsvText.Cell(output, value, first: true)).Should().Be(expected);
    }

    [Fact]
    public void Cells_are_separated_by_commas_and_rows_end_in_CRLF()
    {
        string text = Write(output =>
        {
            CsvText.Header(output, ["a", "b"]);
            CsvText.Cell(output, "1", first: true);
            CsvText.Cell(output, (string?)null);
            CsvText.Cell(output, "x,y");
            CsvText.EndRow(output);
        });

        text.Should().Be("a,b\r\n1,,\"x,y\"\r\n");
    }

    private static string Write(Action<Utf8Buffer> write)
    {
        var output = new Utf8Buffer();
        write(output);
        var stream = new MemoryStream();
        output.FlushToAsync(stream, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

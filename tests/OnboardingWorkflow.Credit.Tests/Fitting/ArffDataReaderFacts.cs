using OnboardingWorkflow.Credit.Fitting;

namespace OnboardingWorkflow.Credit.Tests.Fitting;

public class ArffDataReaderFacts
{
    private const string Sample = """
        % a comment
        @relation 'firms'

        @attribute Attr1 numeric
        @attribute 'quick ratio' REAL
        @attribute sector {retail,wholesale}
        @attribute class {0,1}

        @data
        0.2,1.5,retail,0
        -0.1,?,'wholesale',1
        """;

    [Fact]
    public void Read_TakesTypesFromTheAttributeDeclarations()
    {
        var table = ArffDataReader.Read(new StringReader(Sample));

        Assert.Equal(["Attr1", "quick ratio", "sector", "class"], table.Columns.Select(c => c.Name));
        Assert.Equal(ColumnKind.Numeric, table["quick ratio"].Kind);
        Assert.Equal([1.5, null], table["quick ratio"].Numbers);
        Assert.Equal(ColumnKind.Categorical, table["sector"].Kind);
        Assert.Equal("wholesale", table["sector"].Texts[1]);
        Assert.Equal(ColumnKind.Categorical, table["class"].Kind);
    }

    [Fact]
    public void Read_NamesTheLine_WhenARowHasTooFewValues()
    {
        var ex = Assert.Throws<DataFormatException>(() => ArffDataReader.Read(new StringReader("@attribute a numeric\n@attribute b numeric\n@data\n1\n")));

        Assert.Equal("line 4: 1 values where 2 attributes are declared", ex.Message);
    }

    [Fact]
    public void Read_Refuses_TextInANumericAttribute_AndAFileWithoutData()
    {
        Assert.Contains("declared numeric", Assert.Throws<DataFormatException>(() => ArffDataReader.Read(new StringReader("@attribute a numeric\n@data\nabc\n"))).Message);
        Assert.Equal("no @data section found", Assert.Throws<DataFormatException>(() => ArffDataReader.Read(new StringReader("@attribute a numeric\n"))).Message);
    }
}

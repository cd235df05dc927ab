using OnboardingWorkflow.Credit.Fitting;

namespace OnboardingWorkflow.Credit.Tests.Fitting;

public class LabelledDataFacts
{
    private static DataTable Table(string csv) => CsvDataReader.Read(new StringReader(csv));

    [Theory]
    [InlineData("0", "1", "1")]
    [InlineData("good", "bad", "bad")]
    [InlineData("no", "yes", "yes")]
    public void From_RecognisesTheConventionalBadValue(string good, string bad, string expected)
    {
        var data = LabelledData.From(Table($"x,y\n1,{good}\n2,{bad}\n3,{good}\n"), "y");

        Assert.Equal(expected, data.BadValue);
        Assert.Equal([false, true, false], data.IsBad);
        Assert.Equal(["x"], data.Features.Select(f => f.Name));
    }

    [Fact]
    public void From_UsesTheNamedBadValue_AndComparesNumbersByValue()
    {
        var data = LabelledData.From(Table("x,y\n1,2.0\n2,1\n"), "y", badValue: "2");

        Assert.Equal([true, false], data.IsBad);
    }

    [Fact]
    public void From_AsksForTheBadValue_WhenTheLabelIsAmbiguous()
    {
        var ex = Assert.Throws<DataFormatException>(() => LabelledData.From(Table("x,y\n1,paid\n2,late\n"), "y"));

        Assert.Contains("cannot tell which", ex.Message);
    }

    [Fact]
    public void From_Refuses_ALabelWithOtherThanTwoValues_OrAnEmptyLabel()
    {
        Assert.Contains("exactly two values", Assert.Throws<DataFormatException>(() => LabelledData.From(Table("x,y\n1,a\n2,b\n3,c\n"), "y")).Message);
        Assert.Contains("empty in data row 2", Assert.Throws<DataFormatException>(() => LabelledData.From(Table("x,y\n1,0\n2,\n3,1\n"), "y")).Message);
    }
}

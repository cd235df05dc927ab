using OnboardingWorkflow.Credit.Fitting;

namespace OnboardingWorkflow.Credit.Tests.Fitting;

public class WoeBinnerFacts
{
    private static DataColumn Numeric(params double?[] values) =>
        new("x", ColumnKind.Numeric, values, values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    private static DataColumn Categorical(params string?[] values) =>
        new("c", ColumnKind.Categorical, values.Select(_ => (double?)null).ToArray(), values);

    [Fact]
    public void Woe_IsTheLogOfGoodShareOverBadShare_WithHalfCountSmoothing()
    {
        // 3 of 6 goods and 1 of 4 bads in one of 2 bins: ln((3.5 / 7) / (1.5 / 5)) = ln(5/3)
        Assert.Equal(Math.Log(5.0 / 3.0), WoeBinner.Woe(3, 1, 6, 4, 2), 12);
    }

    [Fact]
    public void Woe_StaysFinite_ForABinWithoutBads()
    {
        Assert.True(double.IsFinite(WoeBinner.Woe(10, 0, 10, 5, 3)));
    }

    [Fact]
    public void Bin_CutsNumbersAtQuantiles()
    {
        var column = Numeric([.. Enumerable.Range(1, 100).Select(i => (double?)i)]);
        var isBad = Enumerable.Range(1, 100).Select(i => i <= 20).ToArray();

        var binning = WoeBinner.Bin(column, isBad, Enumerable.Range(0, 100).ToArray(), binCount: 4, minBinRows: 1);

        Assert.Equal([null, 26.0, 51.0, 76.0], binning.Bins.Select(b => b.Min));
        Assert.Equal([26.0, 51.0, 76.0, null], binning.Bins.Select(b => b.Max));
        Assert.Equal([20, 0, 0, 0], binning.Bins.Select(b => b.Bads));
        Assert.True(binning.Bins[0].Woe < 0 && binning.Bins[3].Woe > 0);
        Assert.True(binning.InformationValue > 0.5);
    }

    [Fact]
    public void Bin_MergesBinsSmallerThanTheMinimum()
    {
        var column = Numeric([.. Enumerable.Range(1, 100).Select(i => (double?)i)]);
        var isBad = Enumerable.Range(1, 100).Select(i => i % 5 == 0).ToArray();

        var binning = WoeBinner.Bin(column, isBad, Enumerable.Range(0, 100).ToArray(), binCount: 10, minBinRows: 25);

        Assert.All(binning.Bins, b => Assert.True(b.Goods + b.Bads >= 25));
        Assert.Equal(100, binning.Bins.Sum(b => b.Goods + b.Bads));
    }

    [Fact]
    public void Bin_GivesMissingValuesTheirOwnBin()
    {
        var column = Numeric(1, 2, null, null, 3, 4);
        bool[] isBad = [false, false, true, true, false, true];

        var binning = WoeBinner.Bin(column, isBad, [0, 1, 2, 3, 4, 5], binCount: 2, minBinRows: 1);

        Assert.NotNull(binning.MissingBin);
        Assert.Equal(2, binning.MissingBin!.Bads);
        Assert.Equal(binning.MissingBin.Woe, binning.WoeOf(2));
    }

    [Fact]
    public void Bin_PutsRareCategoriesTogether_AndGivesUnseenOnesNeutralWoe()
    {
        var column = Categorical("a", "a", "a", "b", "b", "b", "c", "d");
        bool[] isBad = [false, false, true, true, true, false, false, true];

        var binning = WoeBinner.Bin(column, isBad, [0, 1, 2, 3, 4, 5, 6, 7], binCount: 10, minBinRows: 2);

        Assert.Equal(3, binning.Bins.Count);
        Assert.Equal(["c", "d"], binning.Bins[2].Values);
        var unseen = new DataColumn("c", ColumnKind.Categorical, [null], ["zzz"]);
        Assert.Equal(0, (binning with { Column = unseen }).WoeOf(0));
    }
}

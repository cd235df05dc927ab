namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>One bin of a characteristic with its weight of evidence ln(share of goods / share of bads).</summary>
public sealed record WoeBin(double? Min, double? Max, IReadOnlyList<string>? Values, int Goods, int Bads, double Woe);

/// <summary>The bins of one characteristic, its information value and how to map a row to its WoE.</summary>
public sealed record WoeBinning(DataColumn Column, IReadOnlyList<WoeBin> Bins, WoeBin? MissingBin, double InformationValue)
{
    /// <summary>WoE of a row; missing values take the missing bin (or 0 when training had none), unseen categories 0.</summary>
    public double WoeOf(int row)
    {
        if (Column.Kind == ColumnKind.Numeric)
        {
            if (Column.Numbers[row] is not { } x)
            {
                return MissingBin?.Woe ?? 0;
            }

            foreach (var bin in Bins)
            {
                if ((bin.Min is null || x >= bin.Min) && (bin.Max is null || x < bin.Max))
                {
                    return bin.Woe;
                }
            }

            return 0;
        }

        if (Column.Texts[row] is not { } text)
        {
            return MissingBin?.Woe ?? 0;
        }

        return Bins.FirstOrDefault(b => b.Values!.Contains(text, StringComparer.OrdinalIgnoreCase))?.Woe ?? 0;
    }
}

/// <summary>
/// Quantile binning with weight of evidence. Counts get half an observation of smoothing so a bin
/// without bads (or goods) still has a finite WoE.
/// </summary>
public static class WoeBinner
{
    private const double Smoothing = 0.5;

    public static WoeBinning Bin(DataColumn column, IReadOnlyList<bool> isBad, IReadOnlyList<int> rows, int binCount, int minBinRows)
    {
        var totalGoods = rows.Count(r => !isBad[r]);
        var totalBads = rows.Count - totalGoods;
        return column.Kind == ColumnKind.Numeric
            ? BinNumeric(column, isBad, rows, binCount, minBinRows, totalGoods, totalBads)
            : BinCategorical(column, isBad, rows, minBinRows, totalGoods, totalBads);
    }

    private static WoeBinning BinNumeric(DataColumn column, IReadOnlyList<bool> isBad, IReadOnlyList<int> rows, int binCount, int minBinRows, int totalGoods, int totalBads)
    {
        var present = rows.Where(r => column.Numbers[r] is not null).Select(r => (X: column.Numbers[r]!.Value, Bad: isBad[r])).OrderBy(p => p.X).ToArray();
        var cuts = new List<double>();
        for (var i = 1; i < binCount && present.Length > 0; i++)
        {
            var cut = present[(int)((long)i * present.Length / binCount)].X;
            if (cut > present[0].X && (cuts.Count == 0 || cut > cuts[^1]))
            {
                cuts.Add(cut);
            }
        }

        // Count rows per interval, then merge intervals that are too small into their left neighbour.
        var intervals = new List<(double? Min, double? Max, int Goods, int Bads)>();
        var edges = new List<double?> { null };
        edges.AddRange(cuts.Select(c => (double?)c));
        edges.Add(null);
        var index = 0;
        for (var b = 0; b < edges.Count - 1; b++)
        {
            int goods = 0, bads = 0;
            while (index < present.Length && (edges[b + 1] is null || present[index].X < edges[b + 1]))
            {
                if (present[index].Bad)
                {
                    bads++;
                }
                else
                {
                    goods++;
                }

                index++;
            }

            intervals.Add((edges[b], edges[b + 1], goods, bads));
        }

        for (var i = intervals.Count - 1; i > 0; i--)
        {
            var current = intervals[i];
            if (current.Goods + current.Bads < minBinRows)
            {
                var left = intervals[i - 1];
                intervals[i - 1] = (left.Min, current.Max, left.Goods + current.Goods, left.Bads + current.Bads);
                intervals.RemoveAt(i);
            }
        }

        if (intervals.Count > 1 && intervals[0].Goods + intervals[0].Bads < minBinRows)
        {
            var (first, second) = (intervals[0], intervals[1]);
            intervals[1] = (first.Min, second.Max, first.Goods + second.Goods, first.Bads + second.Bads);
            intervals.RemoveAt(0);
        }

        var bins = intervals.Select(iv => new WoeBin(iv.Min, iv.Max, null, iv.Goods, iv.Bads, Woe(iv.Goods, iv.Bads, totalGoods, totalBads, intervals.Count + 1))).ToList();
        var missingRows = rows.Where(r => column.Numbers[r] is null).ToList();
        return Finish(column, bins, MissingBin(missingRows, isBad, totalGoods, totalBads, bins.Count + 1), totalGoods, totalBads);
    }

    private static WoeBinning BinCategorical(DataColumn column, IReadOnlyList<bool> isBad, IReadOnlyList<int> rows, int minBinRows, int totalGoods, int totalBads)
    {
        var groups = rows.Where(r => column.Texts[r] is not null)
            .GroupBy(r => column.Texts[r]!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Value: g.Key, Goods: g.Count(r => !isBad[r]), Bads: g.Count(r => isBad[r])))
            .OrderBy(g => g.Value, StringComparer.Ordinal)
            .ToList();
        var large = groups.Where(g => g.Goods + g.Bads >= minBinRows).ToList();
        var small = groups.Where(g => g.Goods + g.Bads < minBinRows).ToList();
        var cells = large.Select(g => (Values: (IReadOnlyList<string>)[g.Value], g.Goods, g.Bads)).ToList();
        if (small.Count > 0)
        {
            cells.Add((small.Select(g => g.Value).ToList(), small.Sum(g => g.Goods), small.Sum(g => g.Bads)));
        }

        var bins = cells.Select(c => new WoeBin(null, null, c.Values, c.Goods, c.Bads, Woe(c.Goods, c.Bads, totalGoods, totalBads, cells.Count + 1))).ToList();
        var missingRows = rows.Where(r => column.Texts[r] is null).ToList();
        return Finish(column, bins, MissingBin(missingRows, isBad, totalGoods, totalBads, bins.Count + 1), totalGoods, totalBads);
    }

    private static WoeBin? MissingBin(List<int> missingRows, IReadOnlyList<bool> isBad, int totalGoods, int totalBads, int binCount)
    {
        if (missingRows.Count == 0)
        {
            return null;
        }

        var bads = missingRows.Count(r => isBad[r]);
        var goods = missingRows.Count - bads;
        return new WoeBin(null, null, null, goods, bads, Woe(goods, bads, totalGoods, totalBads, binCount));
    }

    private static WoeBinning Finish(DataColumn column, List<WoeBin> bins, WoeBin? missing, int totalGoods, int totalBads)
    {
        var all = missing is null ? bins : [.. bins, missing];
        var iv = all.Sum(b => ((b.Goods / (double)Math.Max(totalGoods, 1)) - (b.Bads / (double)Math.Max(totalBads, 1))) * b.Woe);
        return new WoeBinning(column, bins, missing, iv);
    }

    internal static double Woe(int goods, int bads, int totalGoods, int totalBads, int binCount)
    {
        var goodShare = (goods + Smoothing) / (totalGoods + (Smoothing * binCount));
        var badShare = (bads + Smoothing) / (totalBads + (Smoothing * binCount));
        return Math.Log(goodShare / badShare);
    }
}

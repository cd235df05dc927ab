namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>Discrimination measures for a score where higher means safer.</summary>
public static class ModelValidation
{
    /// <summary>ROC AUC: the chance a random good scores above a random bad, ties counting half.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> isBad)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double goodRankSum = 0;
        var goods = 0;
        var bads = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = ((i + 1) + (j + 1)) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (isBad[order[k]])
                {
                    bads++;
                }
                else
                {
                    goods++;
                    goodRankSum += averageRank;
                }
            }

            i = j + 1;
        }

        if (goods == 0 || bads == 0)
        {
            throw new ArgumentException("AUC needs at least one good and one bad");
        }

        return (goodRankSum - (goods * (goods + 1) / 2.0)) / ((double)goods * bads);
    }

    /// <summary>Kolmogorov-Smirnov: the widest gap between the cumulative score distributions of bads and goods.</summary>
    public static double KolmogorovSmirnov(IReadOnlyList<double> scores, IReadOnlyList<bool> isBad)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var totalBads = isBad.Count(b => b);
        var totalGoods = isBad.Count - totalBads;
        if (totalGoods == 0 || totalBads == 0)
        {
            throw new ArgumentException("KS needs at least one good and one bad");
        }

        double cumulativeBads = 0, cumulativeGoods = 0, ks = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (isBad[order[i]])
            {
                cumulativeBads++;
            }
            else
            {
                cumulativeGoods++;
            }

            var lastOfTie = i + 1 == order.Length || scores[order[i + 1]] != scores[order[i]];
            if (lastOfTie)
            {
                ks = Math.Max(ks, Math.Abs((cumulativeBads / totalBads) - (cumulativeGoods / totalGoods)));
            }
        }

        return ks;
    }

    public static double Gini(double auc) => (2 * auc) - 1;
}

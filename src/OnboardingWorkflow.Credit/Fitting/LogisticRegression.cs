namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method (IRLS). The intercept is not
/// penalised. Deterministic: no random start, a fixed iteration cap.
/// </summary>
public static class LogisticRegression
{
    /// <summary>Returns [intercept, b1..bp] of ln(P(y=1) / P(y=0)) = b0 + sum bj xj.</summary>
    public static double[] Fit(double[][] x, bool[] y, double l2, int maxIterations = 100, double tolerance = 1e-9)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(l2);
        var n = x.Length;
        var p = n == 0 ? 0 : x[0].Length;
        var dim = p + 1;
        var beta = new double[dim];
        var positives = y.Count(v => v);
        beta[0] = Math.Log((positives + 0.5) / (n - positives + 0.5));
        var hessian = new double[dim, dim];
        var gradient = new double[dim];
        var row = new double[dim];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Clear(hessian);
            Array.Clear(gradient);
            for (var i = 0; i < n; i++)
            {
                row[0] = 1;
                Array.Copy(x[i], 0, row, 1, p);
                var eta = 0.0;
                for (var j = 0; j < dim; j++)
                {
                    eta += beta[j] * row[j];
                }

                var prob = 1.0 / (1.0 + Math.Exp(-eta));
                var residual = (y[i] ? 1.0 : 0.0) - prob;
                var w = Math.Max(prob * (1 - prob), 1e-12);
                for (var j = 0; j < dim; j++)
                {
                    gradient[j] += residual * row[j];
                    var wj = w * row[j];
                    for (var k = 0; k <= j; k++)
                    {
                        hessian[j, k] += wj * row[k];
                    }
                }
            }

            for (var j = 1; j < dim; j++)
            {
                gradient[j] -= l2 * beta[j];
                hessian[j, j] += l2;
            }

            var step = SolveCholesky(hessian, gradient, dim);
            var largest = 0.0;
            for (var j = 0; j < dim; j++)
            {
                beta[j] += step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }

            if (largest < tolerance)
            {
                break;
            }
        }

        return beta;
    }

    public static double LogOdds(double[] beta, double[] features)
    {
        var eta = beta[0];
        for (var j = 0; j < features.Length; j++)
        {
            eta += beta[j + 1] * features[j];
        }

        return eta;
    }

    /// <summary>Solves A s = b for a symmetric positive definite A given by its lower triangle.</summary>
    private static double[] SolveCholesky(double[,] a, double[] b, int dim)
    {
        var l = new double[dim, dim];
        for (var i = 0; i < dim; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    // A tiny ridge keeps an unpenalised, constant column from breaking the factorisation.
                    l[i, i] = Math.Sqrt(Math.Max(sum, 1e-10));
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        var z = new double[dim];
        for (var i = 0; i < dim; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * z[k];
            }

            z[i] = sum / l[i, i];
        }

        var s = new double[dim];
        for (var i = dim - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var k = i + 1; k < dim; k++)
            {
                sum -= l[k, i] * s[k];
            }

            s[i] = sum / l[i, i];
        }

        return s;
    }
}

namespace OnboardingWorkflow.Credit.Ratios;

/// <summary>The names ratios carry in reports and in scorecard characteristics.</summary>
public static class RatioKeys
{
    public const string CurrentRatio = "currentRatio";
    public const string QuickRatio = "quickRatio";
    public const string DebtRatio = "debtRatio";
    public const string DebtToEquity = "debtToEquity";
    public const string InterestCoverage = "interestCoverage";
    public const string CurrentLiabilitiesToNetWorth = "currentLiabilitiesToNetWorth";
    public const string ReceivablesTurnover = "receivablesTurnover";
    public const string CollectionPeriodDays = "collectionPeriodDays";
    public const string InventoryTurnover = "inventoryTurnover";
    public const string TotalAssetTurnover = "totalAssetTurnover";
    public const string GrossMargin = "grossMargin";
    public const string OperatingMargin = "operatingMargin";
    public const string NetMargin = "netMargin";
    public const string ReturnOnAssets = "returnOnAssets";
    public const string ReturnOnEquity = "returnOnEquity";
    public const string RevenueGrowth = "revenueGrowth";
    public const string OperatingProfitGrowth = "operatingProfitGrowth";
    public const string TotalAssetGrowth = "totalAssetGrowth";
    public const string OperatingCashFlowToCurrentLiabilities = "operatingCashFlowToCurrentLiabilities";
}

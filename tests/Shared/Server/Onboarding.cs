using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OnboardingWorkflow.Testing;

/// <summary>A credit profile of a test customer: its statements, age and questionnaire answers.</summary>
public sealed record CustomerProfile(string FoundedOn, object Statements, object Questionnaire, decimal RequestedLimit);

/// <summary>Drives the onboarding flow through HTTP, step by step, as the roles would.</summary>
public sealed class Onboarding(IServerClients server)
{
    public static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    /// <summary>Strong statements, long history, good answers: AAA, low tier, analyst approval.</summary>
    public static CustomerProfile Low => new("2005-01-01", Statements(netIncome: (1_800_000, 2_000_000), interest: 100_000, liabilities: 4_000_000, equity: (8_000_000, 9_000_000),
        currentLiabilities: 2_000_000, ebit: (2_500_000, 3_000_000), retained: (5_000_000, 6_000_000), revenue2025: 24_000_000),
        new { managementQuality = "strong", marketPosition = "leading", industryOutlook = "positive" }, 80_000);

    /// <summary>Middling statements: BBB, medium tier, manager approval.</summary>
    public static CustomerProfile Medium => new("2005-01-01", Statements(netIncome: (200_000, 300_000), interest: 1_000_000, liabilities: 7_000_000, equity: (5_000_000, 6_000_000),
        currentLiabilities: 4_500_000, ebit: (2_500_000, 3_000_000), retained: (5_000_000, 6_000_000), revenue2025: 24_000_000),
        new { managementQuality = "adequate", marketPosition = "stable", industryOutlook = "neutral" }, 300_000);

    /// <summary>Losses, thin equity, a young firm: high tier, committee approval.</summary>
    public static CustomerProfile High => new("2025-01-01", Statements(netIncome: (-500_000, -800_000), interest: 100_000, liabilities: 11_000_000, equity: (1_000_000, 2_000_000),
        currentLiabilities: 8_000_000, ebit: (100_000, -200_000), retained: (-1_000_000, -1_500_000), revenue2025: 15_000_000),
        new { managementQuality = "weak", marketPosition = "declining", industryOutlook = "negative" }, 50_000);

    private static object Statements((decimal, decimal) netIncome, decimal interest, decimal liabilities, (decimal, decimal) equity, decimal currentLiabilities,
        (decimal, decimal) ebit, (decimal, decimal) retained, decimal revenue2025) => new
    {
        currency = "CNY",
        years = new object[]
        {
            Year(2024, 3_000_000, 6_000_000, liabilities + equity.Item1, currentLiabilities, liabilities, equity.Item1, retained.Item1, 20_000_000, ebit.Item1, interest, netIncome.Item1),
            Year(2025, 3_500_000, 6_500_000, liabilities + equity.Item2, currentLiabilities, liabilities, equity.Item2, retained.Item2, revenue2025, ebit.Item2, interest, netIncome.Item2),
        },
    };

    private static object Year(int year, decimal cash, decimal currentAssets, decimal totalAssets, decimal currentLiabilities, decimal totalLiabilities, decimal equity,
        decimal retained, decimal revenue, decimal ebit, decimal interest, decimal netIncome) => new
    {
        year, cash, receivables = 2_000_000m, inventory = 1_000_000m, currentAssets, totalAssets, currentLiabilities, totalLiabilities, equity,
        retainedEarnings = retained, revenue, costOfSales = revenue * 0.6m, operatingProfit = ebit, ebit, interestExpense = interest, netIncome,
        operatingCashFlow = netIncome + 200_000m,
    };

    public async Task<Guid> SubmitAsync(string maker, CustomerProfile profile, string? name = null, string? registration = null)
    {
        using var sales = await server.As(maker);
        var response = await sales.PostAsJsonAsync("/api/applications", new
        {
            name = name ?? "Company " + Guid.NewGuid().ToString("N")[..8],
            registrationNumber = registration ?? "91" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
            foundedOn = profile.FoundedOn,
            industry = "wholesale",
            requestedLimit = profile.RequestedLimit,
            termsDays = 30,
            expectedMonthlyPurchases = 100_000,
        });
        var body = await Http.Json(response, HttpStatusCode.Created);
        return body.GetProperty("application").GetProperty("id").GetGuid();
    }

    public static MultipartFormDataContent Upload(string type, byte[] content, string contentType = "application/pdf", string fileName = "doc.pdf", string? expiry = null)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(type), "type");
        if (expiry is not null)
        {
            form.Add(new StringContent(expiry), "expiry");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return form;
    }

    public async Task CollectDocumentsAsync(string maker, Guid applicationId, CustomerProfile profile)
    {
        using var sales = await server.As(maker);
        foreach (var type in new[] { "BusinessLicence", "FinancialStatements", "BankReference" })
        {
            await Http.Ensure(await sales.PostAsync($"/api/applications/{applicationId}/documents", Upload(type, Pdf, expiry: "2030-12-31")), HttpStatusCode.Created);
        }

        await Http.Ensure(await sales.PostAsJsonAsync($"/api/applications/{applicationId}/financial-statements", profile.Statements), HttpStatusCode.Created);
        await CompleteAsync(maker, applicationId, "collectDocuments", new { comment = "checklist uploaded" });
    }

    public async Task<JsonElement> DetailAsync(Guid applicationId, string reader = Users.Audrey)
    {
        using var client = await server.As(reader);
        return await Http.Json(await client.GetAsync($"/api/applications/{applicationId}"), HttpStatusCode.OK);
    }

    /// <summary>The id of the open task at <paramref name="elementId"/>; with several (committee), the one of <paramref name="assignee"/>.</summary>
    public async Task<string> TaskIdAsync(Guid applicationId, string elementId, string? assignee = null)
    {
        var detail = await DetailAsync(applicationId);
        var tasks = detail.GetProperty("waitingTasks").EnumerateArray()
            .Where(t => t.GetProperty("elementId").GetString() == elementId
                        && (assignee is null || t.GetProperty("assignee").GetString() == assignee))
            .ToList();
        Assert.True(tasks.Count > 0, $"no open task {elementId} for {assignee ?? "anyone"}; waiting: {detail.GetProperty("waitingTasks")}");
        return tasks[0].GetProperty("id").GetString()!;
    }

    public async Task<HttpResponseMessage> TryCompleteAsync(string user, string taskId, object body)
    {
        using var client = await server.As(user);
        return await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", body);
    }

    public async Task CompleteAsync(string user, Guid applicationId, string elementId, object body, string? assignee = null)
    {
        var taskId = await TaskIdAsync(applicationId, elementId, assignee);
        await Http.Ensure(await TryCompleteAsync(user, taskId, body), HttpStatusCode.OK);
    }

    /// <summary>Verifies every pending document of the application as <paramref name="analyst"/>.</summary>
    public async Task VerifyDocumentsAsync(Guid applicationId, string analyst = Users.Ana)
    {
        var detail = await DetailAsync(applicationId);
        using var client = await server.As(analyst);
        foreach (var document in detail.GetProperty("documents").EnumerateArray().Where(d => d.GetProperty("verification").GetString() == "Pending"))
        {
            await Http.Ensure(await client.PostAsJsonAsync($"/api/applications/{applicationId}/documents/{document.GetProperty("id").GetGuid()}/verify",
                new { reason = "checked against the register" }), HttpStatusCode.OK);
        }
    }

    /// <summary>Document review (each document verified, then complete) and due diligence with the profile's questionnaire.</summary>
    public async Task ReviewAndDiligenceAsync(Guid applicationId, CustomerProfile profile, object? extraFindingVariables = null)
    {
        await VerifyDocumentsAsync(applicationId);
        await CompleteAsync(Users.Ana, applicationId, "reviewDocuments", new { decision = "complete", comment = "all verified" });
        var variables = new Dictionary<string, object?>();
        foreach (var source in new[] { profile.Questionnaire, extraFindingVariables })
        {
            if (source is null)
            {
                continue;
            }

            foreach (var property in JsonSerializer.SerializeToElement(source).EnumerateObject())
            {
                variables[property.Name] = property.Value;
            }
        }

        await CompleteAsync(Users.Ana, applicationId, "recordFindings", new { comment = "no adverse findings", variables });
    }

    public async Task SignContractAsync(string maker, Guid applicationId)
    {
        using var sales = await server.As(maker);
        await Http.Ensure(await sales.PostAsync($"/api/applications/{applicationId}/documents", Upload("SignedContract", Pdf, fileName: "signed.pdf")), HttpStatusCode.Created);
    }

    /// <summary>Onboards a low-tier customer of <paramref name="maker"/> to active with a limit of 80,000; returns the customer id.</summary>
    public async Task<Guid> ActiveCustomerAsync(string maker = Users.Sally)
    {
        var profile = Low;
        var id = await SubmitAsync(maker, profile);
        await CollectDocumentsAsync(maker, id, profile);
        await ReviewAndDiligenceAsync(id, profile);
        await CompleteAsync(Users.Alan, id, "approveAnalyst", new { decision = "approve" });
        await SignContractAsync(maker, id);
        var detail = await DetailAsync(id);
        Assert.Equal("Active", detail.GetProperty("application").GetProperty("status").GetString());
        return detail.GetProperty("application").GetProperty("customerId").GetGuid();
    }

    /// <summary>The open task of a limit change at <paramref name="elementId"/>.</summary>
    public async Task<string> LimitTaskIdAsync(Guid changeId, string elementId)
    {
        using var client = await server.As(Users.Audrey);
        var change = await Http.Json(await client.GetAsync($"/api/limit-changes/{changeId}"), HttpStatusCode.OK);
        var task = change.GetProperty("waitingTasks").EnumerateArray().FirstOrDefault(t => t.GetProperty("elementId").GetString() == elementId);
        Assert.True(task.ValueKind == JsonValueKind.Object, $"no open task {elementId}; limit change: {change}");
        return task.GetProperty("id").GetString()!;
    }
}

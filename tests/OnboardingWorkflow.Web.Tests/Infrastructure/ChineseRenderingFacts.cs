namespace OnboardingWorkflow.Web.Tests.Infrastructure;

/// <summary>A zh-CN context draws Chinese with the Noto CJK fonts, not as empty boxes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChineseRenderingFacts(BrowserFixture browser, WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private const string Text = "客户准入审批：授信额度已批准";

    [Fact]
    public Task Chinese_text_is_drawn_with_a_Noto_CJK_font() => browser.RunAsync(server.BaseAddress, async session =>
    {
        var page = session.Page;
        await page.SetContentAsync($"""
            <html lang="zh-CN"><head><meta charset="utf-8"><title>客户准入</title></head>
            <body style="font-family: sans-serif; font-size: 32px"><main><h1 id="title">{Text}</h1></main></body></html>
            """);

        Assert.Equal(BrowserFixture.Chinese, await page.EvaluateAsync<string>("() => navigator.language"));
        // The fonts Chromium actually drew the glyphs with, as the DevTools "Rendered Fonts" pane shows them.
        var cdp = await session.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var node = await cdp.SendAsync("DOM.querySelector", new() { ["nodeId"] = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32(), ["selector"] = "#title" });
        var fonts = (await cdp.SendAsync("CSS.getPlatformFontsForNode", new() { ["nodeId"] = node!.Value.GetProperty("nodeId").GetInt32() }))!.Value
            .GetProperty("fonts").EnumerateArray()
            .Select(f => (Family: f.GetProperty("familyName").GetString()!, Glyphs: f.GetProperty("glyphCount").GetInt32()))
            .ToList();

        var font = Assert.Single(fonts);
        Assert.StartsWith("Noto Sans CJK", font.Family, StringComparison.Ordinal);
        Assert.Equal(Text.Length, font.Glyphs);

        var path = await page.SaveScreenshotAsync("chinese-rendering-zh-CN");
        var png = await File.ReadAllBytesAsync(path);
        Assert.Equal(1280, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
    }, locale: BrowserFixture.Chinese);
}

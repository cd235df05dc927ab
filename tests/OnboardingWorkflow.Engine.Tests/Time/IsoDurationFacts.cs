using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Tests.Time;

public sealed class IsoDurationFacts
{
    private static readonly DateTimeOffset Jan31 = new(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("P3D", 0, 0, 0, 3, 0, 0, 0)]
    [InlineData("PT24H", 0, 0, 0, 0, 24, 0, 0)]
    [InlineData("P1Y2M", 1, 2, 0, 0, 0, 0, 0)]
    [InlineData("P2W", 0, 0, 2, 0, 0, 0, 0)]
    [InlineData("PT90M", 0, 0, 0, 0, 0, 90, 0)]
    [InlineData("PT1.5S", 0, 0, 0, 0, 0, 0, 1.5)]
    [InlineData("PT0,25S", 0, 0, 0, 0, 0, 0, 0.25)]
    [InlineData("P1DT2H30M", 0, 0, 0, 1, 2, 30, 0)]
    [InlineData(" p3d ", 0, 0, 0, 3, 0, 0, 0)]
    public void Parse_ReadsEveryPart(string text, int years, int months, int weeks, int days, int hours, int minutes, double seconds)
    {
        Assert.Equal(new IsoDuration(years, months, weeks, days, hours, minutes, seconds), IsoDuration.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("3D")]
    [InlineData("PTXH")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("-P1D")]
    [InlineData("P0D")]
    [InlineData("P1.5D")]
    [InlineData("R3/PT1H")]
    [InlineData("P99999999999D")]
    [InlineData("PT1H garbage")]
    [InlineData("PT0.00000001S")]
    public void Parse_RejectsWhatIsNotAPositiveDuration(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
        Assert.Throws<FormatException>(() => IsoDuration.Parse(text));
    }

    [Fact]
    public void TryParse_RejectsNull()
    {
        Assert.False(IsoDuration.TryParse(null, out _));
    }

    [Fact]
    public void ToString_OfATinyDuration_ParsesBack()
    {
        var tiny = IsoDuration.Parse("PT0.0000002S");

        Assert.Equal(tiny, IsoDuration.Parse(tiny.ToString()));
        Assert.True(tiny.AddTo(DateTimeOffset.UnixEpoch) > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void AddTo_AppliesCalendarMonthsToTheDate()
    {
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1M").AddTo(Jan31));
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 9, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P1Y2M").AddTo(Jan31));
    }

    [Fact]
    public void AddTo_AddsHoursAndDaysExactly()
    {
        Assert.Equal(Jan31.AddHours(24), IsoDuration.Parse("PT24H").AddTo(Jan31));
        Assert.Equal(Jan31.AddDays(3), IsoDuration.Parse("P3D").AddTo(Jan31));
        Assert.Equal(Jan31.AddDays(15).AddHours(2), IsoDuration.Parse("P2W1DT2H").AddTo(Jan31));
    }

    [Theory]
    [InlineData("P3D")]
    [InlineData("PT24H")]
    [InlineData("P1Y2M")]
    [InlineData("P1DT2H30M")]
    [InlineData("PT1.5S")]
    [InlineData("PT0.0000001S")]
    public void ToString_WritesTheIsoText(string text)
    {
        Assert.Equal(text, IsoDuration.Parse(text).ToString());
    }
}

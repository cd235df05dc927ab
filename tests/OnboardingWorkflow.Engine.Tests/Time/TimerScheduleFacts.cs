using OnboardingWorkflow.Engine.Model;
using OnboardingWorkflow.Engine.Time;

namespace OnboardingWorkflow.Engine.Tests.Time;

public sealed class TimerScheduleFacts
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Duration_IsDueOnceAfterThatLong()
    {
        var schedule = TimerSchedule.Resolve(TimerKind.Duration, "PT24H", Now);

        Assert.Equal(Now.AddHours(24), schedule.DueAt);
        Assert.Null(schedule.Next());
    }

    [Fact]
    public void Date_IsDueThenInUtc()
    {
        var schedule = TimerSchedule.Resolve(TimerKind.Date, "2026-12-01T10:00:00+01:00", Now);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), schedule.DueAt);
        Assert.Null(schedule.Next());
    }

    [Fact]
    public void CycleWithThreeRepetitions_FiresExactlyThreeTimes()
    {
        var occurrences = Occurrences(TimerSchedule.Resolve(TimerKind.Cycle, "R3/PT24H", Now), limit: 10);

        Assert.Equal([Now.AddHours(24), Now.AddHours(48), Now.AddHours(72)], occurrences);
    }

    [Fact]
    public void CycleWithoutCount_NeverEnds()
    {
        var schedule = TimerSchedule.Resolve(TimerKind.Cycle, "R/PT1H", Now);

        var occurrences = Occurrences(schedule, limit: 1000);

        Assert.Equal(-1, schedule.RemainingAfterThis);
        Assert.Equal(1000, occurrences.Count);
        Assert.Equal(Now.AddHours(1000), occurrences[^1]);
    }

    [Fact]
    public void CycleWithStartDate_FirstFiresAtTheStart()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var occurrences = Occurrences(TimerSchedule.Resolve(TimerKind.Cycle, "R2/2026-01-01T00:00:00Z/P1D", Now), limit: 10);

        Assert.Equal([start, start.AddDays(1)], occurrences);
    }

    [Fact]
    public void CycleWithEndDate_StopsAtTheEnd()
    {
        var occurrences = Occurrences(TimerSchedule.Resolve(TimerKind.Cycle, "R/PT1H/2026-03-02T11:00:00Z", Now), limit: 10);

        Assert.Equal([Now.AddHours(1), Now.AddHours(2), Now.AddHours(3)], occurrences);
    }

    [Fact]
    public void CycleOfMonths_KeepsTheCalendarDay()
    {
        var occurrences = Occurrences(TimerSchedule.Resolve(TimerKind.Cycle, "R3/P1M", Now), limit: 10);

        Assert.Equal([new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 2, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 2, 8, 0, 0, TimeSpan.Zero)], occurrences);
    }

    [Fact]
    public void EndlessCycle_StopsAtTheEndOfTheCalendarInsteadOfThrowing()
    {
        var schedule = TimerSchedule.Resolve(TimerKind.Cycle, "R/P1000Y", Now);

        var occurrences = Occurrences(schedule, limit: 100);

        Assert.Equal(7, occurrences.Count);
        Assert.Equal(9026, occurrences[^1].Year);
    }

    [Theory]
    [InlineData(TimerKind.Duration, "PTXH")]
    [InlineData(TimerKind.Duration, "R3/PT24H")]
    [InlineData(TimerKind.Duration, "P9999Y")]
    [InlineData(TimerKind.Duration, "P99999999999D")]
    [InlineData(TimerKind.Date, "next tuesday")]
    [InlineData(TimerKind.Date, "")]
    [InlineData(TimerKind.Cycle, "R0/PT1H")]
    [InlineData(TimerKind.Cycle, "R-1/PT1H")]
    [InlineData(TimerKind.Cycle, "Rx/PT1H")]
    [InlineData(TimerKind.Cycle, "PT1H")]
    [InlineData(TimerKind.Cycle, "R3")]
    [InlineData(TimerKind.Cycle, "R3/PTXH")]
    [InlineData(TimerKind.Cycle, "R3/a/b/c")]
    [InlineData(TimerKind.Cycle, "R/PT1H/2026-03-01T00:00:00Z")]
    [InlineData(TimerKind.Cycle, "0 0 9 * * ?")]
    public void InvalidTimer_IsAFormatException(TimerKind kind, string text)
    {
        Assert.Throws<FormatException>(() => TimerSchedule.Resolve(kind, text, Now));
    }

    private static List<DateTimeOffset> Occurrences(TimerSchedule first, int limit)
    {
        var result = new List<DateTimeOffset>();
        for (TimerSchedule? schedule = first; schedule is not null && result.Count < limit; schedule = schedule.Value.Next())
        {
            result.Add(schedule.Value.DueAt);
        }

        return result;
    }
}

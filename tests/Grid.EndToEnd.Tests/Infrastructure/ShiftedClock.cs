namespace Grid.EndToEnd.Tests.Infrastructure;

/// <summary>The system clock moved by <see cref="Shift"/> (e.g. past a code's lifetime, without waiting for it).</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _shiftTicks;

    public TimeSpan Shift
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));
        set => Interlocked.Exchange(ref _shiftTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Shift;
}

using Grid.Host.Hosting;

namespace Grid.Host.Tests.Persistence;

public sealed class ReminderProbeGrain(
    [PersistentState("reminder-probe", OrleansHostingExtensions.StorageName)] IPersistentState<ReminderProbeState> state)
    : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "tick";

    public Task Start(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task Stop()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> Ticks() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
        ReminderTicks.Signal(this.GetPrimaryKeyString());
    }
}

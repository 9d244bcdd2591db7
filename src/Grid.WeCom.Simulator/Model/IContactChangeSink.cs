using Grid.WeCom.Simulator.Callbacks;

namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// Receives the change events of a company, in order, while the company's lock is held; the simulator's callback
/// dispatcher implements it.
/// </summary>
internal interface IContactChangeSink
{
    IReadOnlyList<CallbackDelivery> Publish(SimulatedCompany company, IReadOnlyList<(SimulatedApp App, ContactEvent Event)> events);
}

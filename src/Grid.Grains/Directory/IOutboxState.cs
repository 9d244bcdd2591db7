namespace Grid.Grains.Directory;

/// <summary>A grain state that carries an outbox, persisted with every write of the state.</summary>
internal interface IOutboxState<TOutbox>
    where TOutbox : IDirectoryOutbox
{
    TOutbox Outbox { get; set; }
}

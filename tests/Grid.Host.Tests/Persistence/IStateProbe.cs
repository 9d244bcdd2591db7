namespace Grid.Host.Tests.Persistence;

/// <summary>The operations every test grain offers on its one persisted state.</summary>
[Alias("grid.tests.state-probe")]
public interface IStateProbe : IGrain
{
    /// <summary>Sets the text and number, appends the text to the history, writes the state.</summary>
    [Alias("write")]
    Task<ProbeSnapshot> Write(string text, int number);

    /// <summary>The state as this activation holds it (read from storage when it activated).</summary>
    [Alias("read")]
    Task<ProbeSnapshot> Read();

    /// <summary>Clears the state in storage.</summary>
    [Alias("clear")]
    Task<ProbeSnapshot> Clear();
}

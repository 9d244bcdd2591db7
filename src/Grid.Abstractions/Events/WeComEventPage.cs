using System.Collections.Immutable;

namespace Grid.Abstractions.Events;

/// <summary>A page of a connector's events, newest first; <see cref="Before"/> continues below the last one (0: no more).</summary>
[GenerateSerializer, Immutable]
[Alias("grid.wecom-event-page")]
public sealed record WeComEventPage(ImmutableArray<WeComEvent> Events, long Before);

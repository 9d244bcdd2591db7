namespace Grid.Grains.Sync;

/// <summary>A run cannot go on (an incomplete fetch, unusable settings); its message becomes the run's message.</summary>
internal sealed class SyncRunFailedException(string message, Exception innerException) : Exception(message, innerException);

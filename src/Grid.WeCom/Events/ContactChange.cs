namespace Grid.WeCom.Events;

/// <summary>
/// A decrypted WeCom callback, classified. The <c>change_contact</c> kinds a sync needs are subclasses named in the
/// past tense; everything else is an <see cref="IgnoredEvent"/>.
/// </summary>
/// <param name="ToUserName">The corp id the callback was addressed to.</param>
/// <param name="CreateTime">When WeCom created the event (second precision). With the member or department key it
/// identifies retries of the same event.</param>
public abstract record ContactChange(string ToUserName, DateTimeOffset CreateTime);

namespace Grid.WeCom.Simulator.Model;

/// <summary>A read of the company for one app: a value, or the WeCom errcode refusing it.</summary>
internal readonly record struct Outcome<T>(int ErrCode, T? Value)
{
    public static Outcome<T> Fail(int errCode) => new(errCode, default);

    public static Outcome<T> Ok(T value) => new(0, value);
}

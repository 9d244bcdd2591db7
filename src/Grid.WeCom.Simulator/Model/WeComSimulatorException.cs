using Grid.WeCom.Simulator.Api;

namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// A mutation of the simulated company that WeCom itself would refuse, carrying WeCom's errcode (for example 60102
/// userid exists, 60005 department has members, 301036 userid already changed once).
/// </summary>
public sealed class WeComSimulatorException : Exception
{
    public WeComSimulatorException()
        : this(WeComErrors.InvalidParameter, "invalid parameter")
    {
    }

    public WeComSimulatorException(string message)
        : this(WeComErrors.InvalidParameter, message)
    {
    }

    public WeComSimulatorException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrCode = WeComErrors.InvalidParameter;
    }

    public WeComSimulatorException(int errCode, string message)
        : base($"{message} (errcode {errCode})")
    {
        ErrCode = errCode;
    }

    /// <summary>WeCom's errcode for the refusal.</summary>
    public int ErrCode { get; }

    internal static WeComSimulatorException Of(int errCode, string detail) => new(errCode, $"{WeComErrors.Text(errCode)}: {detail}");
}

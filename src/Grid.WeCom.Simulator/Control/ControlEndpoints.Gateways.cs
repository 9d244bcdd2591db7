using System.Text.Json;

namespace Grid.WeCom.Simulator.Control;

// The stand-in SMS and mail gateways of the /_sim/ API.
internal static partial class ControlEndpoints
{
    private static void MapGateways(IEndpointRouteBuilder endpoints, WeComSimulator simulator)
    {
        MapInbox(endpoints, simulator, "/_sim/sms", "mobile", simulator.Sms,
            (body, at) => new SmsMessage(Required(body, "mobile"), Required(body, "text"), at),
            (writer, message) =>
            {
                writer.WriteString("mobile", message.Mobile);
                writer.WriteString("text", message.Text);
            });
        MapInbox(endpoints, simulator, "/_sim/email", "to", simulator.Email,
            (body, at) => new EmailMessage(Required(body, "to"), Required(body, "subject"), Required(body, "text"), at),
            (writer, message) =>
            {
                writer.WriteString("to", message.To);
                writer.WriteString("subject", message.Subject);
                writer.WriteString("text", message.Text);
            });
    }

    // A stand-in gateway: POST receives one message (JSON fields as the webhook senders post them), GET lists them,
    // optionally only those to the recipient given in the query.
    private static void MapInbox<TMessage>(
        IEndpointRouteBuilder endpoints,
        WeComSimulator simulator,
        string path,
        string recipientField,
        GatewayInbox<TMessage> inbox,
        Func<JsonElement, DateTimeOffset, TMessage> read,
        Action<Utf8JsonWriter, TMessage> write)
        where TMessage : IGatewayMessage
    {
        endpoints.MapPost(path, context => RunAsync(context, simulator, async _ =>
        {
            using var body = await ReadAsync(context).ConfigureAwait(false);
            inbox.Receive(read(body.RootElement, simulator.TimeProvider.GetUtcNow()));
            await JsonAsync(context, StatusCodes.Status200OK, writer => writer.WriteBoolean("received", true)).ConfigureAwait(false);
        }));
        endpoints.MapGet(path, context => JsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            var recipient = context.Request.Query[recipientField].ToString();
            writer.WriteStartArray("messages");
            foreach (var message in inbox.Messages.Where(m => recipient.Length == 0 || m.Recipient == recipient))
            {
                writer.WriteStartObject();
                write(writer, message);
                writer.WriteString("received_at", message.ReceivedAt);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));
    }

    private static string Required(JsonElement body, string name) =>
        body.GetProperty(name).GetString() ?? throw new FormatException($"{name} is required");
}

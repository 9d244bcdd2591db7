using System.Text;
using Grid.Cli;

// Plaintext (often Chinese) must survive redirection whatever the locale says.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
Console.InputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

return await GridCtl.RunAsync(args, StandardStreams.FromConsole());

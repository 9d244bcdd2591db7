using Grid.Dev;
using Grid.Host;

return await GridApp.RunAsync(() => DevApp.Build(args));

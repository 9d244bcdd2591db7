using Grid.Host;

return await GridApp.RunAsync(() => GridApp.Build(args));

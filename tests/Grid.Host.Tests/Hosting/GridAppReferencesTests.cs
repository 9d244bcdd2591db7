namespace Grid.Host.Tests.Hosting;

/// <summary>The production host carries no dev-only parts: the simulator and the demo live in the dev launcher (src/Grid.Dev).</summary>
public sealed class GridAppReferencesTests
{
    [Fact]
    public void GridHostAssembly_DoesNotReferenceTheWeComSimulator()
    {
        var references = typeof(GridApp).Assembly.GetReferencedAssemblies().Select(reference => reference.Name).ToList();

        Assert.Contains("Grid.Grains", references);
        Assert.DoesNotContain("Grid.WeCom.Simulator", references);
    }
}

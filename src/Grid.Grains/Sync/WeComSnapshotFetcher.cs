using System.Collections.Concurrent;
using Grid.Sync.Sources;
using Grid.WeCom.Api;

namespace Grid.Grains.Sync;

/// <summary>
/// Fetches everything a full sync needs from WeCom, within its quotas:
/// <list type="number">
/// <item>department/list once: every visible department with its name (one call, where simplelist + department/get
/// would cost one call per department);</item>
/// <item>user/list per visible department (members directly in it, with details), bounded in parallel: about one
/// call per department, e.g. 5,000 calls for 100,000 members in 5,000 departments, where user/list_id + user/get
/// would cost one call per member (100,000 calls, most of an hour's 150,000 quota);</item>
/// <item>user/list_id (10,000 rows a page) to cross-check: members it lists that no department listed (visible to
/// the app directly, or moved between departments during the fetch) are read one by one with user/get. An app
/// WeCom does not let call user/list_id (48002) skips the cross-check.</item>
/// </list>
/// Any call that fails after the client's retries fails the whole fetch: a partial snapshot is never planned.
/// Members in several departments appear in several user/list answers and are kept once. Progress counters may
/// be read from any thread while the fetch runs.
/// </summary>
internal sealed class WeComSnapshotFetcher(WeComClient client, int parallelism) : ISnapshotSource
{
    private long _completed;
    private long _total;

    /// <summary>Calls completed so far.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Calls the fetch will make, as far as known.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Whether user/list_id was refused (48002), so the cross-check was skipped.</summary>
    public bool CrossCheckSkipped { get; private set; }

    public async Task<SourceSnapshot> FetchAsync(WeComApp app, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _total, 1);
        var departments = await client.ListDepartmentsAsync(app, null, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _completed);
        Interlocked.Add(ref _total, departments.Count + 1);

        var members = new ConcurrentDictionary<string, SourceMember>(StringComparer.OrdinalIgnoreCase);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(departments, options, async (department, ct) =>
        {
            var users = await client.ListDepartmentUsersAsync(app, department.Id, ct).ConfigureAwait(false);
            foreach (var user in users)
            {
                members.TryAdd(user.UserId, SyncConversions.ToSource(user));
            }

            Interlocked.Increment(ref _completed);
        }).ConfigureAwait(false);

        var unlisted = await FindUnlistedAsync(app, members, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _total, unlisted.Count);
        await Parallel.ForEachAsync(unlisted, options, async (userId, ct) =>
        {
            try
            {
                var user = await client.GetUserAsync(app, userId, ct).ConfigureAwait(false);
                members.TryAdd(user.UserId, SyncConversions.ToSource(user));
            }
            catch (WeComApiException error) when (error.ErrCode == WeComErrorCodes.UserIdNotFound)
            {
                // Deleted (or left the app's scope) since user/list_id listed it: it is not part of the snapshot.
            }

            Interlocked.Increment(ref _completed);
        }).ConfigureAwait(false);

        return new SourceSnapshot(
            [.. departments.Select(SyncConversions.ToSource)], [.. members.Values], Complete: true);
    }

    private async Task<List<string>> FindUnlistedAsync(
        WeComApp app, ConcurrentDictionary<string, SourceMember> listed, CancellationToken cancellationToken)
    {
        var unlisted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await foreach (var row in client.ListAllUserIdsAsync(app, cancellationToken).ConfigureAwait(false))
            {
                if (!listed.ContainsKey(row.UserId))
                {
                    unlisted.Add(row.UserId);
                }
            }
        }
        catch (WeComApiException error) when (error.ErrCode == WeComErrorCodes.ApiForbidden)
        {
            CrossCheckSkipped = true;
        }

        Interlocked.Increment(ref _completed);
        return [.. unlisted];
    }
}

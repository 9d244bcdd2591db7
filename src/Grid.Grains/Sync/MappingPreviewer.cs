using System.Collections.Immutable;
using Grid.Abstractions;
using Grid.Abstractions.Connectors;
using Grid.Abstractions.Directory;
using Grid.Abstractions.Sync;
using Grid.Sync.Mapping;
using Grid.Sync.Sources;
using Grid.WeCom.Api;

namespace Grid.Grains.Sync;

/// <summary>
/// Evaluates field mappings over a few members read from WeCom now, target by target, so that one broken expression
/// shows as an error of its own target while the others still show their values. Reads only.
/// </summary>
internal sealed class MappingPreviewer(WeComClient wecom, IGrainFactory grains, string tenantId)
{
    private const int DefaultSampleSize = 5;

    public async Task<ImmutableArray<MappingPreview>> PreviewAsync(ConnectorSyncSettings settings, MappingPreviewRequest request)
    {
        var userIds = request.UserIds.IsDefault ? [] : request.UserIds;
        if (userIds.Length > MappingPreviewRequest.MaxMembers)
        {
            throw GridException.Invalid("userids", $"at most {MappingPreviewRequest.MaxMembers} members can be previewed at once");
        }

        var (mappings, rule) = request.Mappings is { } proposed
            ? (ConnectorSyncSettings.ToMappingSet(proposed), request.MatchRule ?? settings.MatchRule)
            : (settings.Mappings, settings.MatchRule);
        rule = rule is { IsNone: true } ? null : rule;
        var (evaluators, mappingErrors) = Compile(mappings);
        var (matchValue, matchField, matchError) = CompileMatchRule(rule);

        var members = userIds.Length > 0
            ? await ReadAsync(settings.App, userIds)
            : await SampleAsync(settings.App, request.SampleSize <= 0 ? DefaultSampleSize : Math.Min(request.SampleSize, MappingPreviewRequest.MaxMembers));

        var previews = ImmutableArray.CreateBuilder<MappingPreview>(members.Count);
        foreach (var (userId, member) in members)
        {
            var fields = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            var errors = mappingErrors.ToBuilder();
            if (member is null)
            {
                errors["userid"] = $"WeCom knows no member '{userId}' visible to this application";
                previews.Add(new MappingPreview(userId, fields.ToImmutable(), errors.ToImmutable(), null));
                continue;
            }

            foreach (var (target, evaluate) in evaluators)
            {
                fields[target] = evaluate(member);
            }

            foreach (var required in MappingCatalog.RequiredAccountTargets)
            {
                if (!errors.ContainsKey(required) && string.IsNullOrWhiteSpace(fields.GetValueOrDefault(required)))
                {
                    errors[required] = "required, but empty for this member: the sync leaves such a member as it is";
                }
            }

            string? matched = null;
            if (matchError is not null)
            {
                errors["match_rule"] = matchError;
            }
            else if (matchValue is not null && matchField is { } field
                && GridKeys.UniqueIndex(tenantId, field, matchValue(member)) is { } key)
            {
                matched = await grains.GetGrain<IUniqueIndexGrain>(key).Get();
            }

            previews.Add(new MappingPreview(userId, fields.ToImmutable(), errors.ToImmutable(), matched));
        }

        return previews.MoveToImmutable();
    }

    private static (List<(string Target, Func<SourceMember, string> Evaluate)> Evaluators, ImmutableSortedDictionary<string, string> Errors) Compile(
        FieldMappingSet mappings)
    {
        var evaluators = new List<(string, Func<SourceMember, string>)>();
        var errors = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var mapping in mappings.Accounts)
        {
            if (!MappingCatalog.AccountTargets.Contains(mapping.Target, StringComparer.Ordinal))
            {
                errors[mapping.Target] = $"unknown account field (known: {string.Join(", ", MappingCatalog.AccountTargets)})";
                continue;
            }

            try
            {
                evaluators.Add((mapping.Target, MappingExpression.Parse(mapping.Expression ?? string.Empty).CompileForMember()));
            }
            catch (MappingExpressionException error)
            {
                errors[mapping.Target] = error.Message;
            }
        }

        foreach (var required in MappingCatalog.RequiredAccountTargets)
        {
            if (!mappings.Accounts.Any(m => m.Target == required))
            {
                errors[required] = "required, but not mapped";
            }
        }

        return (evaluators, errors.ToImmutable());
    }

    private static (Func<SourceMember, string>? Value, UniqueField? Field, string? Error) CompileMatchRule(MatchRule? rule)
    {
        if (rule is null)
        {
            return (null, null, null);
        }

        if (ConnectorSyncSettings.MatchFieldOf(rule) is not { } field)
        {
            return (null, null, $"account field '{rule.AccountField}' is not one the match rule can use (username, email, mobile)");
        }

        try
        {
            return (MappingExpression.Parse(rule.MemberField).CompileForMember(), field, null);
        }
        catch (MappingExpressionException error)
        {
            return (null, null, $"member_field: {error.Message}");
        }
    }

    private async Task<List<(string UserId, SourceMember? Member)>> ReadAsync(WeComApp app, ImmutableArray<string> userIds)
    {
        var members = new List<(string, SourceMember?)>(userIds.Length);
        foreach (var userId in userIds)
        {
            try
            {
                members.Add((userId, SyncConversions.ToSource(await wecom.GetUserAsync(app, userId))));
            }
            catch (WeComApiException error) when (error.ErrCode is WeComErrorCodes.UserIdNotFound or WeComErrorCodes.InvalidUserId)
            {
                members.Add((userId, null));
            }
            catch (Exception error) when (error is WeComApiException or HttpRequestException or TimeoutException)
            {
                throw GridException.Precondition($"WeCom could not be read: {error.Message}");
            }
        }

        return members;
    }

    // The first members of the first departments that have any, in WeCom's order.
    private async Task<List<(string UserId, SourceMember? Member)>> SampleAsync(WeComApp app, int sampleSize)
    {
        var members = new List<(string, SourceMember?)>(sampleSize);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var department in await wecom.ListDepartmentsAsync(app))
            {
                foreach (var user in await wecom.ListDepartmentUsersAsync(app, department.Id))
                {
                    if (seen.Add(user.UserId))
                    {
                        members.Add((user.UserId, SyncConversions.ToSource(user)));
                        if (members.Count == sampleSize)
                        {
                            return members;
                        }
                    }
                }
            }
        }
        catch (Exception error) when (error is WeComApiException or HttpRequestException or TimeoutException)
        {
            throw GridException.Precondition($"WeCom could not be read: {error.Message}");
        }

        return members;
    }
}

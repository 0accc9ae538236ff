/// The JSON shapes Docker Hub sends, built from dataset values.
enum Payload {
    /// Public profile fields shared by `user`, `org_member` and `group_member`.
    static func userFields(_ user: Dataset.User?, username: String) -> JSONValue {
        .object([
            "id": .string(user?.id ?? ""),
            "username": .string(username),
            "full_name": .nullable(user?.fullName),
            "company": .nullable(user?.company),
            "location": .nullable(user?.location),
            "gravatar_email": "",
            "gravatar_url": "",
            "profile_url": "",
            "date_joined": .nullable(user?.dateJoined),
            "type": "User",
        ])
    }

    /// `GET /v2/user/`.
    static func currentUser(_ user: Dataset.User) -> JSONValue {
        userFields(user, username: user.username).appending(["is_staff": false, "is_admin": false])
    }

    /// `GET /v2/orgs/{org}` and the entries of `/v2/user/orgs`.
    ///
    /// A missing `full_name` or `location` is sent as `null` while a missing `company` leaves the key out: the
    /// real API is inconsistent here, and clients must tolerate both.
    static func org(_ org: Dataset.Org) -> JSONValue {
        .object([
            "id": .string(org.id),
            "orgname": .string(org.name),
            "full_name": .nullable(org.fullName),
            "company": org.company.map(JSONValue.string),
            "location": .nullable(org.location),
            "type": "Org",
            "date_joined": .string(org.dateJoined),
            "gravatar_email": "",
            "gravatar_url": "",
            "profile_url": "",
        ])
    }

    /// One entry of `/v2/orgs/{org}/members`; `last_logged_in_at` only when known.
    static func member(_ member: Dataset.Member, user: Dataset.User?, groups: [String]) -> JSONValue {
        userFields(user, username: member.username).appending([
            "email": .nullable(user?.email),
            "role": .string(member.role),
            "groups": .strings(groups),
            "is_guest": .bool(member.isGuest),
            "last_logged_in_at": member.lastLoggedInAt.map(JSONValue.string),
        ])
    }

    /// One entry of `/v2/orgs/{org}/groups/{team}/members`; `email` only for elevated callers.
    static func teamMember(_ user: Dataset.User?, username: String, showEmail: Bool) -> JSONValue {
        userFields(user, username: username).appending(["email": showEmail ? .nullable(user?.email) : nil])
    }

    /// `org_group`, with `member_count` computed from the dataset.
    static func team(_ team: Dataset.Team) -> JSONValue {
        .object([
            "id": .int(team.id),
            "uuid": .string(team.uuid),
            "name": .string(team.name),
            "description": .nullable(team.description),
            "member_count": .int(team.members.count),
            "role": .nullable(team.role),
        ])
    }

    /// `repository_list_entry`. Counters the dataset does not model are derived from a hash of the name.
    static func repository(_ repository: Dataset.Repository, namespace: String) -> JSONValue {
        let hash = stableHash("\(namespace)/\(repository.name)")
        let isPlugin = repository.repositoryType == "plugin"
        let mediaTypes: [String] =
            switch repository.repositoryType {
            case "image": ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.container.image.v1+json"]
            case "plugin": ["application/vnd.docker.plugin.v1+json"]
            default: []
            }
        return .object([
            "name": .string(repository.name),
            "namespace": .string(namespace),
            "repository_type": .nullable(repository.repositoryType),
            "status": .int(repository.status),
            "status_description": .string(repository.statusDescription),
            "description": .nullable(repository.description),
            "is_private": .bool(repository.isPrivate),
            "star_count": .int(Int(hash % 97)),
            "pull_count": .int(Int(hash % 1_000_003)),
            "last_updated": .nullable(repository.lastUpdated),
            "last_modified": .nullable(repository.lastUpdated),
            "date_registered": .string(repository.dateRegistered),
            "affiliation": "",
            "media_types": .strings(mediaTypes),
            "content_types": .strings(mediaTypes.isEmpty ? [] : [isPlugin ? "plugin" : "image"]),
            "categories": .array([]),
            "storage_size": .int(mediaTypes.isEmpty ? 0 : Int(hash % 2_000_000_000)),
        ])
    }

    /// The legacy `/v2/repositories/{ns}/` entry: the list entry plus the fields old clients decode.
    static func legacyRepository(_ repository: Dataset.Repository, namespace: String, canEdit: Bool) -> JSONValue {
        Self.repository(repository, namespace: namespace).appending([
            "user": .string(namespace),
            "can_edit": .bool(canEdit),
            "is_automated": false,
            "is_migrated": false,
        ])
    }

    /// One team permission of `/v2/repositories/{ns}/{repo}/groups`.
    static func repositoryGroup(team: Dataset.Team?, permission: Dataset.TeamPermission) -> JSONValue {
        .object([
            "group_id": .int(team?.id ?? 0),
            "group_name": .string(permission.team),
            "permission": .string(permission.permission),
        ])
    }

    /// One entry of `{"data": [...]}` from `/v2/orgs/{org}/invites`.
    static func invite(_ invite: Dataset.Invite, org: String) -> JSONValue {
        .object([
            "id": .string(invite.id),
            "inviter_username": .string(invite.inviter),
            "invitee": .string(invite.invitee),
            "org": .string(org),
            "team": .nullable(invite.team),
            "role": .nullable(invite.role),
            "created_at": .string(invite.createdAt),
        ])
    }

    /// `accessToken` as `/v2/access-tokens` lists it: the secret is always redacted.
    static func personalAccessToken(_ token: Dataset.PersonalAccessToken) -> JSONValue {
        let hash = stableHash(token.uuid)
        return .object([
            "uuid": .string(token.uuid),
            "client_id": "HUB",
            "creator_ip": .string("203.0.113.\(hash % 254 + 1)"),
            "creator_ua": "Mozilla/5.0 (X11; Linux x86_64) fakehub",
            "created_at": .string(token.createdAt),
            "last_used": .nullable(token.lastUsed),
            "generated_by": "manual",
            "is_active": .bool(token.isActive),
            "token": "***",
            "token_label": .string(token.label),
            "scopes": .strings(token.scopes),
            "expires_at": .nullable(token.expiresAt),
        ])
    }

    /// `orgAccessToken`; the detail route adds `resources`.
    static func organizationAccessToken(_ token: Dataset.OrgAccessToken, withResources: Bool) -> JSONValue {
        let resources = token.resources.map { resource in
            JSONValue.object([
                "type": .string(resource.type), "path": .string(resource.path), "scopes": .strings(resource.scopes),
            ])
        }
        return .object([
            "id": .string(token.id),
            "label": .string(token.label),
            "created_by": .string(token.createdBy),
            "is_active": .bool(token.isActive),
            "created_at": .string(token.createdAt),
            "expires_at": .nullable(token.expiresAt),
            "last_used_at": .nullable(token.lastUsedAt),
            "resources": withResources ? .array(resources) : nil,
        ])
    }

    /// FNV-1a over UTF-8: stable across runs and platforms, unlike `Hasher`.
    static func stableHash(_ string: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in string.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}

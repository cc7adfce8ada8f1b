// The SQLite store, the source of truth (schema: schemas/store.sql). SQLite types
// stay behind this interface.
#pragma once

#include <rabta/article.h>
#include <rabta/extraction.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rabta {

/// Schema version written to PRAGMA user_version.
inline constexpr int kStoreSchemaVersion = 6;
/// PRAGMA application_id of every rabta store ("rabt"): what tells a rabta store
/// from another application's SQLite database. Stores written before it was set
/// are told by their tables, and get it at their next build.
inline constexpr std::uint32_t kStoreApplicationId = 0x72616274;
/// How long a connection waits for another's lock before LockedError.
inline constexpr double kStoreBusySeconds = 5;

/// A role held by a person: a title at an organization or country, between dates.
struct StoredRole {
    std::string title;
    std::string org;        ///< entity id
    std::string org_label;  ///< its Urdu label
    std::string from;       ///< ISO date or empty
    std::string to;         ///< ISO date or empty
    std::string source;     ///< "lexicon" or an article id
};

/// An entity as stored.
struct StoredEntity {
    std::string id;
    std::string type;
    std::string subtype;
    std::string label_ur;
    std::string label_en;
    std::string country;
    bool discovered = false;           ///< found by a pattern, not in the lexicon
    std::int64_t mentions = 0;         ///< mentions across all articles
    std::string first_seen;            ///< earliest date of an article that mentions it, or empty
    std::string last_seen;             ///< latest such date, or empty
    std::vector<StoredRole> roles;     ///< dated roles, by start date
    std::vector<std::string> aliases;  ///< Urdu and Latin names and demonyms, sorted
};

/// One relation mention with its evidence, as stored.
struct StoredRelation {
    std::string source;
    std::string target;
    std::string relation;
    bool directed = false;
    std::string mode;
    std::string polarity = "affirmed";  ///< Relation::polarity
    std::string context;
    std::string context_source;  ///< clause, sentence, article (inherited), or empty
    std::string rule;
    double confidence = 0;
    std::string article;
    std::string outlet;
    std::string date;      ///< ISO date of the article, or empty
    std::string sentence;  ///< the sentence as written in the article
    std::uint32_t span_begin = 0;
    std::uint32_t span_end = 0;
};

/// A tie as the store aggregates it: every relation mention of one relation
/// between two actors, within an optional date range.
struct StoredTie {
    std::string source;
    std::string target;
    std::string relation;
    bool directed = false;
    /// Independent evidences: distinct sentences once folded, so a wire story
    /// reprinted by several outlets counts once.
    std::int64_t evidences = 0;
    std::int64_t copies = 0;    ///< relation mentions, every reprint counted
    std::int64_t articles = 0;  ///< distinct articles
    bool done = false;          ///< any evidence is "done" (else all are intent)
    std::string first_date;     ///< of dated evidences, or empty
    std::string last_date;
    std::vector<std::string> outlets;  ///< distinct, sorted
    std::string best_sentence;         ///< the earliest dated evidence (then by article, span)
    std::string best_article;
    std::string context;         ///< the context most evidences carry, or empty
    std::string context_source;  ///< the most specific source of that context
};

/// Which relation mentions count: a date range (ISO, inclusive; with either end
/// set, undated evidence is left out) and relation names (empty = all).
struct EvidenceScope {
    std::string from;
    std::string to;
    std::vector<std::string> relations;
    std::vector<std::string> entities;  ///< mentions with one of these at either end; empty = all
    std::vector<std::string> contexts;  ///< context tags (ContextTaxonomy::select); empty = all
    /// Read the relation mentions the text denies (polarity not "affirmed")
    /// instead of ties: they are never ties, so only `show` asks for them.
    bool not_ties = false;
};

/// Streams relation mentions in (source, target, relation, date, article, span)
/// order, the order of ties(): a reader merges them with the ties without holding
/// them all.
class EvidenceCursor {
  public:
    ~EvidenceCursor();
    EvidenceCursor(EvidenceCursor&&) noexcept;
    /// The current mention, or nullptr at the end.
    const StoredRelation* get() const noexcept;
    void next();

  private:
    friend class Store;
    struct Impl;
    explicit EvidenceCursor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// An actor found by a pattern, for review: how often and where it was named.
struct DiscoveredActor {
    std::string id, type, label_ur, label_en;
    std::int64_t mentions = 0;
    std::int64_t articles = 0;
    std::string example_article;
    std::string example;  ///< the sentence of its first mention, as written
};

/// A role a title in an article gives a person, against the lexicon's dated roles
/// for that person: no lexicon role of that organization or country covers the
/// article's date.
struct RoleConflict {
    std::string person, title, org, date, article;
    std::string lexicon;  ///< the lexicon's roles, "title @ org [from..to]; …"
};

/// Input a run skipped (or stored after a repair), and why.
struct RunProblem {
    std::string origin;     ///< file
    std::int64_t line = 0;  ///< 0: the whole file
    std::string reason;
    bool repaired = false;
};

/// One problem an input record gave when it gave no article (bad, or no story
/// text): kept by a key of the record's bytes, so that an incremental build
/// reports it again without parsing the record again.
struct RecordNote {
    std::uint64_t key = 0;
    std::string reason;
    InputError::Outcome outcome = InputError::Outcome::skipped;
};

/// A build run: what it read and what it did with it.
struct RunRecord {
    std::string started, finished;  ///< ISO 8601 UTC
    std::string status;             ///< "ok" or "partial" (some input skipped)
    std::string mode;               ///< "full" or "incremental"
    std::string full_reason;        ///< why a build read everything, or empty
    std::int64_t articles = 0;      ///< in the store after the run
    std::int64_t added = 0, changed = 0, removed = 0, unchanged = 0;
    std::int64_t kept = 0;  ///< not seen, kept because their file could not be read
    std::int64_t skipped = 0;
    std::vector<RunProblem> problems;
};

/// A recorded build run.
struct StoredRun : RunRecord {
    std::int64_t id = 0;
    std::string lexicon_version, rules_version;
    bool has_snapshot = false;     ///< what its graph held is recorded (schema 3 on)
    bool snapshot_pruned = false;  ///< it was, and prune_snapshots() removed it
};

/// An article as the store holds it, for an incremental build.
struct StoredArticleKey {
    std::string id, origin;
    std::uint64_t content_hash = 0;
    std::uint64_t story_hash = 0;
};

/// What changed between the graph of one run and the graph of a later one.
struct RunDiff {
    std::int64_t from_run = 0, to_run = 0;
    struct Entity {
        std::string id, type, label_ur;
    };
    struct Tie {
        std::string source, target, relation;
        std::int64_t evidences_before = 0, evidences_after = 0;
    };
    struct Role {
        std::string entity, title, org;
    };
    std::vector<Entity> entities_added, entities_removed;
    std::vector<Tie> ties_added, ties_removed, ties_changed;  ///< changed: evidence count
    std::vector<Role> roles_added, roles_removed;
};

struct StoreStats {
    std::int64_t articles = 0;
    std::int64_t mentions = 0;
    std::map<std::string, std::int64_t> entities_by_type;   ///< mentioned entities only
    std::map<std::string, std::int64_t> relations_by_type;  ///< relation mentions of ties
    /// Relation mentions the text denies (not ties), by relation.
    std::map<std::string, std::int64_t> not_ties_by_type;
    std::map<std::string, std::int64_t> articles_by_topic;  ///< main topic → articles
    std::map<std::string, std::int64_t> ties_by_context;  ///< context → relation mentions with one
    std::map<std::string, std::string> meta;
};

class Store {
  public:
    /// Opens an existing store, migrating an older schema version forward inside
    /// one transaction (schemas/migrations/). Throws StoreError when the file is
    /// missing, is not a SQLite database, is newer than this build, or needs a
    /// migration it cannot write.
    ///
    /// What is not a rabta store is refused with StoreError, never taken for
    /// one: an empty file, a file that is not SQLite, another application's
    /// database (application_id, or no rabta tables), a newer schema (both
    /// versions named). A rabta store SQLite finds malformed or cut short
    /// throws DamagedStoreError; a lock held longer than `busy_seconds`,
    /// LockedError. A reader of a WAL store reads one snapshot for the life of
    /// the Store: a build committing meanwhile changes nothing it sees.
    static Store open(const std::string& path, double busy_seconds = kStoreBusySeconds);
    /// Like open(), but for writing in place (an incremental build). The store is
    /// switched to WAL mode, so that readers never wait for the writer.
    static Store open_for_update(const std::string& path, double busy_seconds = kStoreBusySeconds);
    /// Creates a new, empty store at `path` (which must not exist) with the schema.
    static Store create(const std::string& path);
    /// Like create(), for a new file that nobody reads until it is installed:
    /// written as a bulk load. Rows go in with no secondary index and no
    /// foreign-key enforcement, the rollback journal in memory and no fsync;
    /// finish_load() or commit() builds the indexes, commit() checks every
    /// foreign key once. install() makes the file durable before it is read.
    static Store create_for_load(const std::string& path);
    /// PRAGMA integrity_check of the file at `path`: "ok", or what is wrong
    /// (SQLite's error when it cannot even check). LockedError when locked.
    static std::string integrity(const std::string& path);
    /// Puts the complete, closed store at `built` in place of `target`, so that
    /// readers see the old graph or the new one and never fail. `built` is
    /// first made self-contained (WAL mode in its header, no -wal). When
    /// `target_sound` and `target` is a WAL store, the pages are copied into it
    /// in one transaction (a rename would leave its -wal and -shm to be applied
    /// to the new file); otherwise `built` is renamed over it after the stale
    /// -wal and -shm beside it are removed (a damaged target: keep it first).
    static void install(const std::string& built,
                        const std::string& target,
                        bool target_sound,
                        double busy_seconds = kStoreBusySeconds);
    /// Takes and releases the write lock of the store at `path`, waiting up to
    /// `busy_seconds`: a full build asks before it reads the corpus, so that
    /// another writer's lock stops it at once (LockedError) rather than after
    /// the whole build, or not at all once that writer has committed.
    static void probe_write_lock(const std::string& path, double busy_seconds);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    const std::string& path() const noexcept;

    /// Writes happen inside one transaction: begin(), put...(), commit().
    /// Destroying the store without commit() rolls back.
    void begin();
    /// Commits. A bulk load (create_for_load()) is indexed first, then every
    /// foreign key is checked once (PRAGMA foreign_key_check): a broken
    /// reference throws StoreError naming the first, and nothing is committed.
    void commit();
    /// Builds a bulk load's indexes now, so that the queries that follow the
    /// last row (discovered actors, the run's snapshot) use them. Does nothing
    /// for any other store, or the second time.
    void finish_load();
    /// After a build: moves the WAL's pages into the file and empties the -wal
    /// (as far as readers on older snapshots allow).
    void checkpoint();
    void put_meta(const std::string& key, const std::string& value);
    void put_lexicon(const Lexicon& lexicon);
    void put_article(const Article& article, const Extraction& extraction);
    /// Removes an article and everything its extraction stored (mentions,
    /// relations, roles, discoveries). Call refresh_discovered() after the last one.
    void remove_article(const std::string& id);
    /// Records where an unchanged article is read from now (its line may move).
    void set_origin(const std::string& id, const std::string& origin);
    /// Every record note, by key, in the order the record gave them.
    std::vector<RecordNote> record_notes() const;
    /// Replaces the notes kept under `key` (each note's own key is not read).
    void put_record_notes(std::uint64_t key, const std::vector<RecordNote>& notes);
    void remove_record_notes(std::uint64_t key);
    /// Every stored article's id, origin and content hash, by id.
    std::vector<StoredArticleKey> article_keys() const;
    /// The stored article `id`'s key, as this connection sees it (a writer:
    /// with its uncommitted rows), or nullopt.
    std::optional<StoredArticleKey> article_key(const std::string& id) const;
    /// Re-derives discovered actors from the articles that name them: the label
    /// (and type) most of those articles use, ties broken by byte order; their
    /// names as aliases; actors no article names any more are removed. The
    /// result does not depend on the order articles were stored in.
    void refresh_discovered();
    /// Records a finished build run with a snapshot of what the graph holds now;
    /// returns its id. `same_graph_as`: a run whose snapshot is known to equal
    /// the graph now (snapshot_run(), and nothing stored or removed since),
    /// copied instead of recomputed.
    std::int64_t put_run(const RunRecord& run, std::int64_t same_graph_as = 0);
    /// The run whose snapshot equals the graph as a build left it: the last
    /// recorded run, or 0 when none, or when a schema migration came after it.
    std::int64_t snapshot_run() const;
    /// Removes the graph snapshots of every run but the newest `keep` (at least
    /// one); the runs' summary rows and problems stay, and runs() marks them
    /// snapshot_pruned. Returns how many runs lost their snapshot. The pages
    /// freed are reused by later snapshots (no VACUUM needed).
    std::int64_t prune_snapshots(std::int64_t keep);
    /// Copies the run history (runs and their snapshots) of the database at
    /// `previous`, which this store replaces. A file that is not a rabta store is
    /// ignored: a build never fails for yesterday's history.
    void carry_history(const std::string& previous);
    /// Runs, oldest first.
    std::vector<StoredRun> runs() const;
    /// What changed from run `from` to run `to` (both must have snapshots).
    RunDiff diff(std::int64_t from, std::int64_t to) const;

    StoreStats stats() const;
    /// The meta table: versions of the data and the tool that wrote the store.
    std::map<std::string, std::string> meta() const;
    /// Entities that are mentioned or tied, by id; only those of `only` when given.
    std::vector<StoredEntity> entities(const std::vector<std::string>& only = {}) const;
    /// id → ISO country of every entity that has one.
    std::map<std::string, std::string> entity_countries() const;
    /// Relation mentions of ties (affirmed), for scoring.
    std::vector<StoredRelation> relations() const;
    /// Ties aggregated in SQL, ordered by (source, target, relation): memory is
    /// one row per tie, however many evidences there are.
    std::vector<StoredTie> ties(const EvidenceScope& scope = {}) const;
    /// The relation mentions in scope, streamed in ties() order.
    EvidenceCursor evidences(const EvidenceScope& scope = {}) const;
    /// Distinct (article, entity, entity type) of all mentions, sorted.
    std::vector<std::array<std::string, 3>> article_entities() const;
    struct ArticleRow {
        std::string id, title, published, outlet, agency, dateline, url;
    };
    struct MentionRow {
        std::string article, entity, kind, surface;
        std::uint32_t begin = 0, end = 0;
    };
    /// Streams all articles by id, then all mentions by (article, span): memory
    /// does not grow with the corpus.
    void for_each_article(const std::function<void(const ArticleRow&)>& f) const;
    void for_each_mention(const std::function<void(const MentionRow&)>& f,
                          const std::string& entity = {}) const;  ///< all, or one entity's
    /// Entity ids that `name` denotes: an id, or any Urdu or Latin alias compared by
    /// folded, space-free key (شہبازشریف = شہباز شریف = Shehbaz Sharif), sorted.
    std::vector<std::string> find_entities(const std::string& name) const;
    /// Discovered actors by number of mentions (then id).
    std::vector<DiscoveredActor> discovered() const;
    /// Roles from text that disagree with the lexicon's, by person and date.
    std::vector<RoleConflict> role_conflicts() const;
    /// Ids of all stored articles, sorted.
    std::vector<std::string> article_ids()
        const;  ///< sorted by source, target, relation, article, span

  private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    static Store open_store(const std::string& path, bool for_update, double busy_seconds);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rabta

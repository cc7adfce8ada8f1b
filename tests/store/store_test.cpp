#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/extract.h>
#include <rabta/store.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>

#include "seed_store.h"
#include "support.h"

using namespace rabta;
using rabta::test::TempDir;

TEST_CASE("a new store has the schema version, the lexicon and stored articles") {
    TempDir dir;
    const std::string path = dir / "s.db";
    const Lexicon lex = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    const Extractor ex(lex, rules);
    {
        Store s = Store::create(path);
        s.begin();
        s.put_lexicon(lex);
        for (auto& a :
             read_page("004", "004_449d9a5e21841ebb", rabta::test::seed("004_449d9a5e21841ebb"),
                       Boilerplate::embedded())) {
            s.put_article(a, ex.run(a));
        }
        s.commit();
    }
    SQLite::Database db(path);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == kStoreSchemaVersion);
    CHECK(db.execAndGet("SELECT count(*) FROM entities WHERE type = 'country'").getInt() > 200);
    CHECK(
        db.execAndGet("SELECT count(*) FROM roles WHERE entity_id = 'person:shaza-fatima-khawaja'")
            .getInt() == 2);
    // evidence quotes the article: its span into articles.text gives the same bytes
    CHECK(db.execAndGet(
                "SELECT count(*) FROM relations r JOIN articles a ON a.id = r.article_id "
                "WHERE substr(CAST(a.text AS BLOB), r.span_begin + 1, r.span_end - r.span_begin) "
                "      = CAST(r.evidence AS BLOB)")
              .getInt() == db.execAndGet("SELECT count(*) FROM relations").getInt());
    CHECK(db.execAndGet("SELECT count(*) FROM ties_readable WHERE source_en = 'Suh Sangpyo' "
                        "AND relation = 'met'")
              .getInt() == 2);
    // a title in the text is a dated role whose source is the article
    CHECK(db.execAndGet("SELECT org_id FROM roles WHERE entity_id = 'person:suh-sangpyo' AND "
                        "source = '004_449d9a5e21841ebb' LIMIT 1")
              .getString() == "country:KR");

    Store s = Store::open(path);
    auto rels = s.relations();
    std::erase_if(rels, [](const StoredRelation& r) { return r.relation != "met"; });
    REQUIRE(rels.size() == 2);
    CHECK(rels[0].article == "004_449d9a5e21841ebb");
    auto stats = s.stats();
    CHECK(stats.articles == 1);
    CHECK(stats.entities_by_type.at("person") == 2);
}

TEST_CASE("opening what is not a rabta store fails with the path and a reason") {
    TempDir dir;
    CHECK_THROWS_WITH_AS(Store::open(dir / "missing.db"),
                         doctest::Contains("missing.db: no such database"), StoreError);
    rabta::test::write_file(dir.path() / "text.db",
                            "this is not SQLite at all, just some text bytes......");
    CHECK_THROWS_WITH_AS(Store::open(dir / "text.db"), doctest::Contains("not a rabta database"),
                         StoreError);
    {
        SQLite::Database db(dir / "newer.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE meta (key TEXT); PRAGMA user_version = 99");
        db.exec("PRAGMA application_id = " + std::to_string(kStoreApplicationId));
    }
    CHECK_THROWS_WITH_AS(Store::open(dir / "newer.db"),
                         doctest::Contains(doctest::String(
                             fmt::format("schema version 99 is newer than this rabta understands "
                                         "({})",
                                         kStoreSchemaVersion)
                                 .c_str())),
                         StoreError);
    {
        SQLite::Database db(dir / "plain.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t (x)");
    }
    CHECK_THROWS_WITH_AS(Store::open(dir / "plain.db"),
                         doctest::Contains("not a rabta database: a SQLite database without "
                                           "rabta's tables"),
                         StoreError);
    {
        // another application's database: its own application_id, or a meta
        // table (as many have) but not rabta's tables
        SQLite::Database db(dir / "app.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("PRAGMA application_id = 42; CREATE TABLE articles (x)");
        SQLite::Database m(dir / "meta.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        m.exec("CREATE TABLE meta (key, value); PRAGMA user_version = 3");
    }
    CHECK_THROWS_WITH_AS(Store::open_for_update(dir / "app.db"),
                         doctest::Contains("another application's SQLite database "
                                           "(application_id 0x0000002a"),
                         StoreError);
    CHECK_THROWS_WITH_AS(Store::open_for_update(dir / "meta.db"),
                         doctest::Contains("without rabta's tables"), StoreError);
    rabta::test::write_file(dir.path() / "empty.db", "");
    CHECK_THROWS_WITH_AS(Store::open(dir / "empty.db"),
                         doctest::Contains("not a rabta database: the file is empty"), StoreError);
    CHECK_THROWS_WITH_AS(Store::create(dir / "plain.db"), doctest::Contains("file exists"),
                         StoreError);
}

TEST_CASE("a version 1 database is migrated forward when opened, its data kept") {
    TempDir dir;
    const std::string path = dir / "v1.db";
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(rabta::test::read_file(rabta::test::source_dir() /
                                       "tests/store/fixtures/store-v1.sql"));
        db.exec(
            "INSERT INTO articles (id, origin, title, content_hash, text) VALUES "
            "('a1', 'x.jsonl:1', 't', '00', 'جیمز ڈونگ  نے شہباز شریف سے ملاقات کی۔');"
            "INSERT INTO entities (id, type, label_ur) VALUES ('person:a', 'person', 'الف'),"
            " ('person:b', 'person', 'ب');"
            "INSERT INTO relations (source_id, target_id, relation, directed, mode, rule_id, "
            " confidence, article_id, sentence, span_begin, span_end, evidence) VALUES "
            " ('person:a', 'person:b', 'met', 0, 'done', 'met.ne-se', 0.9, 'a1', 0, 0, 10,"
            "  'جیمز ڈونگ  نے شہباز شریف سے ملاقات کی۔'),"
            " ('person:a', 'person:b', 'met', 0, 'done', 'met.ne-se', 0.9, 'a1', 1, 0, 10,"
            "  'جیمز ڈونگ نے شہباز شریف سے ملاقات کی۔');"
            "INSERT INTO runs (started_at, status, tool) VALUES ('2025-01-01T00:00:00Z', 'ok', "
            "'rabta');");
        REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 1);
    }
    const Store s = Store::open(path);
    // the two sentences differ only in spacing: one independent evidence, two copies
    const auto ties = s.ties();
    REQUIRE(ties.size() == 1);
    CHECK(ties[0].evidences == 1);
    CHECK(ties[0].copies == 2);
    SQLite::Database db(path);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == kStoreSchemaVersion);
    CHECK(db.execAndGet("SELECT count(*) FROM relations WHERE evidence_key = ''").getInt() == 0);
    CHECK(db.execAndGet("SELECT count(*) FROM runs WHERE lexicon_version IS NULL").getInt() == 1);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
    // opened again, nothing more to do
    CHECK_NOTHROW(Store::open(path));
}

namespace {
// Migration 2 fills evidence keys with rabta_fold(); an empty table needs only the name.
void no_fold(sqlite3_context* ctx, int, sqlite3_value**) {
    sqlite3_result_null(ctx);
}
}  // namespace

TEST_CASE("a version 3 database gets per-article discoveries and run counts when opened") {
    TempDir dir;
    const std::string path = dir / "v3.db";
    const auto src = rabta::test::source_dir();
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(rabta::test::read_file(src / "tests/store/fixtures/store-v1.sql"));
        db.createFunction("rabta_fold", 1, true, nullptr, &no_fold);
        db.exec(rabta::test::read_file(src / "schemas/migrations/2.sql"));
        db.exec(rabta::test::read_file(src / "schemas/migrations/3.sql"));
        REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 3);
        db.exec(
            "INSERT INTO articles (id, origin, title, content_hash, text) VALUES "
            "('a1', 'x.jsonl:1', 't', '00', 'بیلاروس کے وزیر ٹرانسپورٹ الیگزسی لیخنو وچ نے کہا۔'),"
            " ('a2', 'x.jsonl:2', 't', '01', 'الیگزسی لیخنو وچ نے کہا۔');"
            "INSERT INTO entities (id, type, label_ur, discovered) VALUES "
            " ('person:aligzasi-likhno-wach', 'person', 'الیگزسی لیخنو وچ', 1);"
            "INSERT INTO aliases (entity_id, alias, kind) VALUES "
            " ('person:aligzasi-likhno-wach', 'الیگزسی لیخنو وچ', 'name');"
            "INSERT INTO mentions (article_id, entity_id, kind, sentence, span_begin, span_end, "
            " surface) VALUES ('a1', 'person:aligzasi-likhno-wach', 'name', 0, 0, 10, 'x'),"
            " ('a2', 'person:aligzasi-likhno-wach', 'name', 0, 0, 10, 'x');"
            "INSERT INTO runs (started_at, status, tool) VALUES ('2025-01-01T00:00:00Z', 'ok', "
            "'rabta');"
            // as a later rabta marks the run whose snapshot equals the graph
            "INSERT INTO meta (key, value) VALUES ('snapshot_run', '1');");
    }
    Store s = Store::open_for_update(path);
    // the migration may have changed the graph: no run's snapshot vouches for it
    CHECK(s.snapshot_run() == 0);
    SQLite::Database db(path);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == kStoreSchemaVersion);
    CHECK(db.execAndGet("SELECT count(*) FROM discoveries").getInt() == 2);
    CHECK(db.execAndGet("SELECT count(*) FROM discovered_names").getInt() == 2);
    const std::vector<StoredRun> runs = s.runs();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].mode.empty());  // not recorded before version 4
    CHECK(runs[0].added == 0);
    // the actor goes with the last article that names it, not before
    s.begin();
    s.remove_article("a1");
    s.refresh_discovered();
    CHECK(s.entities().size() == 1);
    s.remove_article("a2");
    s.refresh_discovered();
    s.commit();
    CHECK(s.entities().empty());
    CHECK(db.execAndGet("SELECT count(*) FROM aliases").getInt() == 0);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("a version 5 database migrates to polarity without losing a row") {
    TempDir dir;
    const std::string path = dir / "v5.db";
    const auto src = rabta::test::source_dir();
    const char* tables[] = {"meta",     "articles",  "entities", "aliases",  "roles",
                            "mentions", "relations", "runs",     "run_ties", "article_topics"};
    std::map<std::string, std::int64_t> before;
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(rabta::test::read_file(src / "tests/store/fixtures/store-v1.sql"));
        db.createFunction("rabta_fold", 1, true, nullptr, &no_fold);
        for (int v = 2; v <= 5; ++v)
            db.exec(rabta::test::read_file(src / fmt::format("schemas/migrations/{}.sql", v)));
        REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 5);
        db.exec(
            "INSERT INTO articles (id, origin, title, content_hash, text) VALUES "
            "('a1', 'x.jsonl:1', 't', '00', 'نوریکس ٹیک نے ستارہ سولر سے ملاقات کی۔');"
            "INSERT INTO entities (id, type, label_ur) VALUES ('organization:n', "
            " 'organization', 'نوریکس ٹیک'), ('organization:s', 'organization', 'ستارہ سولر');"
            "INSERT INTO mentions (article_id, entity_id, kind, sentence, span_begin, span_end, "
            " surface) VALUES ('a1', 'organization:n', 'name', 0, 0, 10, 'x');"
            "INSERT INTO relations (source_id, target_id, relation, directed, mode, rule_id, "
            " confidence, article_id, sentence, span_begin, span_end, evidence, evidence_key, "
            " context_source) VALUES ('organization:n', 'organization:s', 'met', 0, 'done', "
            " 'met.ne-se', 0.9, 'a1', 0, 0, 10, 'نوریکس ٹیک نے ستارہ سولر سے ملاقات کی۔', 'k', "
            " 'sentence');"
            "INSERT INTO runs (started_at, status, tool) VALUES ('2025-01-01T00:00:00Z', 'ok', "
            " 'rabta');"
            "INSERT INTO run_ties VALUES (1, 'organization:n', 'organization:s', 'met', 1);"
            "INSERT INTO article_topics VALUES ('a1', 'telecom', 2.0, 1);");
        for (const char* table : tables)
            before[table] = db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
    }
    {
        const Store s = Store::open(path);
        const auto ties = s.ties();
        REQUIRE(ties.size() == 1);
        CHECK(ties[0].relation == "met");
        REQUIRE(s.relations().size() == 1);
        CHECK(s.relations()[0].polarity == "affirmed");
        CHECK(s.relations()[0].context_source == "sentence");
    }
    SQLite::Database db(path);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == kStoreSchemaVersion);
    for (const char* table : tables) {
        CAPTURE(table);
        CHECK(db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64() ==
              before[table]);
    }
    CHECK(db.execAndGet("SELECT polarity FROM relations").getString() == "affirmed");
    CHECK(db.execAndGet("SELECT count(*) FROM ties_readable").getInt() == 1);
    CHECK(db.execAndGet("SELECT count(*) FROM not_ties_readable").getInt() == 0);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK_NOTHROW(Store::open(path));
}

TEST_CASE("a denied relation mention is stored with its polarity but is never a tie") {
    TempDir dir;
    const std::string path = dir / "p.db";
    const Lexicon lex = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    const Extractor ex(lex, rules);
    Article a;
    a.id = "declined";
    a.origin = "x.jsonl:1";
    a.title = "t";
    // «… شرکت سے معذرت کر لی»: they declined; «… سے ملاقات کی»: they met
    a.text =
        "چین نے پاکستان کے ساتھ معاہدے پر دستخط سے معذرت کر لی۔ "
        "چین نے پاکستان سے ملاقات کی۔";
    a.regions = {{0, static_cast<std::uint32_t>(a.text.size())}};
    const Extraction x = ex.run(a);
    {
        Store s = Store::create(path);
        s.begin();
        s.put_lexicon(lex);
        s.put_article(a, x);
        s.commit();
    }
    const Store s = Store::open(path);
    const auto ties = s.ties();
    REQUIRE(ties.size() == 1);
    CHECK(ties[0].relation == "met");
    for (const auto& r : s.relations())
        CHECK(r.polarity == "affirmed");
    EvidenceScope denied;
    denied.not_ties = true;
    std::vector<StoredRelation> not_ties;
    for (EvidenceCursor c = s.evidences(denied); c.get(); c.next())
        not_ties.push_back(*c.get());
    REQUIRE(not_ties.size() == 1);
    CHECK(not_ties[0].relation == "signed");
    CHECK(not_ties[0].polarity == "declined");
    CHECK(not_ties[0].sentence.find("معذرت") != std::string::npos);
    const StoreStats st = s.stats();
    CHECK(st.relations_by_type.count("signed") == 0);
    CHECK(st.not_ties_by_type.at("signed") == 1);
    SQLite::Database db(path);
    CHECK(db.execAndGet("SELECT count(*) FROM not_ties_readable WHERE polarity = 'declined'")
              .getInt() == 1);
    CHECK(db.execAndGet("SELECT count(*) FROM ties_readable WHERE relation = 'signed'").getInt() ==
          0);
}

namespace {

// A copy of the seed store at `path`: a WAL store, as a build leaves it.
void copy_seed_store(const std::string& path) {
    std::filesystem::copy_file(rabta::test::seed_store(), path);
    Store::open_for_update(path);  // as every build does: WAL mode, rabta's application_id
}

std::int64_t count(const std::string& path, const char* table) {
    SQLite::Database db(path);
    return db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
}

}  // namespace

TEST_CASE("a damaged rabta store says so, and integrity() confirms it") {
    TempDir dir;
    const std::string path = dir / "g.db";
    copy_seed_store(path);
    CHECK(Store::integrity(path) == "ok");
    std::filesystem::resize_file(path, 16384);  // a partial copy
    CHECK_THROWS_AS(Store::open(path).stats(), DamagedStoreError);
    CHECK(Store::integrity(path) != "ok");
}

TEST_CASE("a reader of a WAL store never waits for a writer, and keeps one snapshot") {
    TempDir dir;
    const std::string path = dir / "g.db";
    copy_seed_store(path);
    const std::int64_t relations = count(path, "relations");
    REQUIRE(relations > 0);
    // A writer outside rabta whose page cache spills: in rollback mode it would
    // hold an exclusive lock until it commits, and a reader would fail.
    SQLite::Database writer(path, SQLite::OPEN_READWRITE);
    writer.exec("PRAGMA cache_size = 1");
    writer.exec("BEGIN IMMEDIATE");
    writer.exec("DELETE FROM relations");
    writer.exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
        "INSERT INTO meta (key, value) SELECT 'filler-' || i, hex(randomblob(200)) FROM n");
    const Store reader = Store::open(path, 0.2);
    CHECK(reader.stats().relations_by_type.size() > 0);
    writer.exec("COMMIT");
    // the reader still sees the graph it began with; a new one sees the new graph
    CHECK(reader.relations().size() == static_cast<std::size_t>(relations));
    CHECK(Store::open(path).relations().empty());
}

TEST_CASE(
    "install() puts a store in place of a WAL store with readers, never applying a "
    "stale -wal") {
    TempDir dir;
    const std::string target = dir / "g.db";
    copy_seed_store(target);
    const std::int64_t articles = count(target, "articles");
    auto build_empty = [&](const std::string& p) {
        Store s = Store::create(p);
        s.begin();
        s.put_meta("which", p);
        s.commit();
    };
    {
        const Store reader = Store::open(target);  // a reader holding the old graph
        build_empty(dir / "new.db");
        Store::install(dir / "new.db", target, true);
        CHECK(reader.article_ids().size() == static_cast<std::size_t>(articles));
    }
    CHECK(Store::open(target).article_ids().empty());
    CHECK(Store::integrity(target) == "ok");
    CHECK_FALSE(std::filesystem::exists(dir / "new.db"));

    // A -wal with committed pages of another store beside a path with no store
    // (deleted while a reader had it open): a rename must not let SQLite apply
    // it to the new file.
    const std::string other = dir / "other.db";
    copy_seed_store(other);
    SQLite::Database w(other, SQLite::OPEN_READWRITE);
    w.exec("PRAGMA wal_autocheckpoint = 0");
    w.exec("DELETE FROM relations");
    const std::string fresh = dir / "fresh.db";
    std::filesystem::copy_file(other + "-wal", fresh + "-wal");
    REQUIRE(std::filesystem::file_size(fresh + "-wal") > 0);
    build_empty(dir / "built.db");
    Store::install(dir / "built.db", fresh, false);
    CHECK(Store::integrity(fresh) == "ok");
    CHECK(Store::open(fresh).meta().at("which") == dir / "built.db");
}

TEST_CASE("prune_snapshots keeps the newest runs' snapshots, and every run's summary") {
    TempDir dir;
    const std::string path = dir / "g.db";
    copy_seed_store(path);
    {
        Store s = Store::open_for_update(path);
        s.begin();
        RunRecord run;
        run.status = "ok";
        run.mode = "incremental";
        for (int i = 0; i < 4; ++i)
            s.put_run(run);
        CHECK(s.prune_snapshots(2) == 3);  // the seed build's run and the first two
        CHECK(s.prune_snapshots(2) == 0);
        s.commit();
    }
    const Store s = Store::open(path);
    const std::vector<StoredRun> runs = s.runs();
    REQUIRE(runs.size() == 5);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        CAPTURE(i);
        CHECK(runs[i].has_snapshot == (i >= 3));
        CHECK(runs[i].snapshot_pruned == (i < 3));
    }
    const RunDiff d = s.diff(runs[3].id, runs[4].id);
    CHECK(d.entities_added.empty());
    CHECK(d.ties_removed.empty());
    CHECK(count(path, "run_ties") > 0);
}

TEST_CASE("a bulk-loaded store ends with the schema's indexes and the same rows as a plain one") {
    TempDir dir;
    const Lexicon lex = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    const Extractor ex(lex, rules);
    const auto articles =
        read_page("004", "004_449d9a5e21841ebb", rabta::test::seed("004_449d9a5e21841ebb"),
                  Boilerplate::embedded());
    auto write = [&](Store s) {
        s.begin();
        s.put_lexicon(lex);
        for (const auto& a : articles)
            s.put_article(a, ex.run(a));
        s.commit();
    };
    write(Store::create(dir / "plain.db"));
    write(Store::create_for_load(dir / "bulk.db"));
    auto dump = [](const std::string& path, const char* sql) {
        SQLite::Database db(path);
        SQLite::Statement st(db, sql);
        std::string out;
        while (st.executeStep())
            for (int i = 0; i < st.getColumnCount(); ++i)
                out += st.getColumn(i).getString() + (i + 1 < st.getColumnCount() ? "|" : "\n");
        return out;
    };
    const char* indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name";
    CHECK(dump(dir / "bulk.db", indexes).find("relations_by_tie") != std::string::npos);
    CHECK(dump(dir / "bulk.db", indexes) == dump(dir / "plain.db", indexes));
    const char* rows =
        "SELECT r.source_id, r.target_id, r.relation, r.evidence FROM relations r ORDER BY r.id";
    CHECK(!dump(dir / "bulk.db", rows).empty());
    CHECK(dump(dir / "bulk.db", rows) == dump(dir / "plain.db", rows));
    // the file is left in rollback mode with its journal gone, ready for install()
    SQLite::Database db(dir / "bulk.db");
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "delete");
}

TEST_CASE("a bulk load with a broken reference is refused at commit, naming the table") {
    TempDir dir;
    const std::string path = dir / "bulk.db";
    const Lexicon lex = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    const Extractor ex(lex, rules);
    auto articles = read_page("004", "004_449d9a5e21841ebb",
                              rabta::test::seed("004_449d9a5e21841ebb"), Boilerplate::embedded());
    REQUIRE(!articles.empty());
    Extraction broken = ex.run(articles[0]);
    REQUIRE(!broken.mentions.empty());
    broken.mentions[0].entity = "person:nobody-anywhere";  // no such entity
    Store s = Store::create_for_load(path);
    s.begin();
    s.put_lexicon(lex);
    s.put_article(articles[0], broken);  // not checked yet: a bulk load
    CHECK_THROWS_WITH_AS(s.commit(), doctest::Contains("broken reference in the new store"),
                         StoreError);
}

#include <SQLiteCpp/SQLiteCpp.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/extract.h>
#include <rabta/store.h>

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
    }
    CHECK_THROWS_WITH_AS(Store::open(dir / "newer.db"),
                         doctest::Contains("schema version 99 is newer"), StoreError);
    {
        SQLite::Database db(dir / "plain.db", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t (x)");
    }
    CHECK_THROWS_WITH_AS(Store::open(dir / "plain.db"), doctest::Contains("no schema version"),
                         StoreError);
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

// Notes on input records that gave no article (bad, or no story text): what a
// build reported about them, by a key of their bytes, so that an incremental
// build reports them again without parsing them again. Older stores of the
// same schema version may lack the table: it is made at the first note.
#include "store/impl.h"
#include "util/hash.h"

namespace rabta {

using store_detail::guarded;

namespace {

const char* outcome_name(InputError::Outcome o) {
    switch (o) {
        case InputError::Outcome::repaired:
            return "repaired";
        case InputError::Outcome::renamed:
            return "renamed";
        case InputError::Outcome::empty:
            return "empty";
        case InputError::Outcome::skipped:
            break;
    }
    return "skipped";
}

InputError::Outcome outcome_of(const std::string& name) {
    if (name == "repaired") return InputError::Outcome::repaired;
    if (name == "renamed") return InputError::Outcome::renamed;
    if (name == "empty") return InputError::Outcome::empty;
    return InputError::Outcome::skipped;
}

bool has_notes_table(SQLite::Database& db) {
    return db.execAndGet(
                 "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                 "'record_notes'")
               .getInt() == 1;
}

}  // namespace

std::vector<RecordNote> Store::record_notes() const {
    return guarded(impl_->path, "cannot read record notes", [&] {
        std::vector<RecordNote> out;
        if (!has_notes_table(impl_->db)) return out;
        SQLite::Statement st(impl_->db,
                             "SELECT record_key, reason, outcome FROM record_notes ORDER BY "
                             "record_key, seq");
        while (st.executeStep()) {
            RecordNote n;
            n.key = std::stoull(st.getColumn(0).getString(), nullptr, 16);
            n.reason = st.getColumn(1).getString();
            n.outcome = outcome_of(st.getColumn(2).getString());
            out.push_back(std::move(n));
        }
        return out;
    });
}

void Store::put_record_notes(std::uint64_t key, const std::vector<RecordNote>& notes) {
    guarded(impl_->path, "cannot store record notes", [&] {
        auto& db = impl_->db;
        db.exec(
            "CREATE TABLE IF NOT EXISTS record_notes (record_key TEXT NOT NULL, seq INTEGER NOT "
            "NULL, reason TEXT NOT NULL, outcome TEXT NOT NULL, PRIMARY KEY (record_key, seq))");
        const std::string k = detail::hex64(key);
        SQLite::Statement del(db, "DELETE FROM record_notes WHERE record_key = ?");
        del.bind(1, k);
        del.exec();
        SQLite::Statement ins(
            db, "INSERT INTO record_notes (record_key, seq, reason, outcome) VALUES (?, ?, ?, ?)");
        for (std::size_t i = 0; i < notes.size(); ++i) {
            ins.bind(1, k);
            ins.bind(2, static_cast<std::int64_t>(i));
            ins.bind(3, notes[i].reason);
            ins.bind(4, outcome_name(notes[i].outcome));
            ins.exec();
            ins.reset();
        }
    });
}

void Store::remove_record_notes(std::uint64_t key) {
    guarded(impl_->path, "cannot remove record notes", [&] {
        if (!has_notes_table(impl_->db)) return;
        SQLite::Statement del(impl_->db, "DELETE FROM record_notes WHERE record_key = ?");
        del.bind(1, detail::hex64(key));
        del.exec();
    });
}

}  // namespace rabta

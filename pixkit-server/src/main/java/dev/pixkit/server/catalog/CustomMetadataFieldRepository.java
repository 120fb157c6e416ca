package dev.pixkit.server.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code custom_metadata_fields} table; the schema is stored as its JSON object. */
@Repository
class CustomMetadataFieldRepository {
    private static final String SELECT =
            "SELECT field_id, name, label, description, field_schema, deleted FROM custom_metadata_fields ";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CustomMetadataFieldRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(CustomMetadataField f, long nowMillis) {
        jdbc.sql("INSERT INTO custom_metadata_fields (field_id, name, label, description, field_schema, deleted,"
                        + " created_at, updated_at) VALUES (:id, :name, :label, :description, :schema, :deleted, :now,"
                        + " :now)")
                .param("id", f.id()).param("name", f.name()).param("label", f.label())
                .param("description", f.description()).param("schema", json.writeValueAsString(f.schema()))
                .param("deleted", f.deleted()).param("now", nowMillis).update();
    }

    /** Rewrites label, description, schema and the deleted mark. */
    void update(CustomMetadataField f, long nowMillis) {
        jdbc.sql("UPDATE custom_metadata_fields SET label = :label, description = :description, field_schema = :schema,"
                        + " deleted = :deleted, updated_at = :now WHERE field_id = :id")
                .param("id", f.id()).param("label", f.label()).param("description", f.description())
                .param("schema", json.writeValueAsString(f.schema())).param("deleted", f.deleted())
                .param("now", nowMillis).update();
    }

    Optional<CustomMetadataField> find(String id) {
        return jdbc.sql(SELECT + "WHERE field_id = :id").param("id", id).query(this::map).optional();
    }

    /** Oldest first; deleted fields only when asked for. */
    List<CustomMetadataField> list(boolean includeDeleted) {
        return jdbc.sql(SELECT + (includeDeleted ? "" : "WHERE deleted = :f ") + "ORDER BY created_at, field_id")
                .param("f", false).query(this::map).list();
    }

    /** Whether any field, deleted or not, has this name. */
    boolean nameTaken(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM custom_metadata_fields WHERE name = :n").param("n", name)
                .query(Long.class).single() > 0;
    }

    /** Whether a live field other than {@code exceptId} has this label. */
    boolean labelTaken(String label, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM custom_metadata_fields WHERE label = :l AND deleted = :f"
                        + " AND field_id <> :id")
                .param("l", label).param("f", false).param("id", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    private CustomMetadataField map(ResultSet rs, int row) throws SQLException {
        return new CustomMetadataField(rs.getString("field_id"), rs.getString("name"), rs.getString("label"),
                rs.getString("description"), json.readValue(rs.getString("field_schema"), CustomMetadataSchema.class),
                rs.getBoolean("deleted"));
    }
}

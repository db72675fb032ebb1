"""A rep's later edit to a lead's classification fields is kept for audit."""

from warehouse import (
    BUILD_WITHOUT_TESTS,
    Warehouse,
    build_scenario,
    fetch_rows,
    lead_row,
    run_dbt,
    salesforce_id,
)


def test_generated_source_edit_is_listed(tmp_path):
    tables = {
        "lead": [
            lead_row(1, "Ann", "Root", "Webinar", "2025-01-01 09:00:00"),
            lead_row(
                2,
                "Bo",
                "Next",
                "Referral",
                "2025-01-02 09:00:00",
                generated_source_c="Sales Generated",
                lead_source_details_c="Referred by Ann Root",
            ),
        ]
    }
    first_build = build_scenario(tmp_path, tables)
    assert fetch_rows(first_build, "lead_classification_changes", ["lead_id"]) == []
    first_build.close()

    # The rep corrects the generated source in the CRM; the loader syncs the change.
    connection = Warehouse(tmp_path)
    connection.query(
        "update salesforce.lead set generated_source_c = 'Marketing Generated' where id = ?",
        [salesforce_id("00Q", 2)],
    )
    connection.close()
    run_dbt(tmp_path, BUILD_WITHOUT_TESTS, {})

    second_build = Warehouse(tmp_path, read_only=True)
    rows = fetch_rows(
        second_build,
        "lead_classification_changes",
        ["lead_id", "field_name", "previous_value", "new_value"],
    )
    assert rows == [
        {
            "lead_id": salesforce_id("00Q", 2),
            "field_name": "rep_generated_source",
            "previous_value": "Sales Generated",
            "new_value": "Marketing Generated",
        }
    ]
    [(changed_at_missing,)] = second_build.query(
        "select count(*) from {marts}.lead_classification_changes where changed_at is null"
    )
    assert changed_at_missing == 0

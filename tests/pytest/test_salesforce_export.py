"""The warehouse on a real Salesforce export folder read through salesforce_export_path."""

from pathlib import Path

import pytest
from warehouse import DUCKDB_ONLY, Warehouse, run_dbt

EXPORT_FOLDER = Path(__file__).resolve().parents[1] / "exports" / "salesforce-demo-org"


pytestmark = DUCKDB_ONLY


@pytest.fixture(scope="module")
def export_warehouse(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("salesforce_export")
    dbt_vars = {"salesforce_export_path": str(EXPORT_FOLDER)}
    run_dbt(work_dir, ["build"], dbt_vars)
    connection = Warehouse(work_dir, read_only=True)
    yield connection
    connection.close()


def test_export_keeps_every_lead(export_warehouse):
    (lead_count,) = export_warehouse.query("select count(*) from {marts}.leads")[0]
    (rejected_count,) = export_warehouse.query("select count(*) from {marts}.rejected_records")[0]
    assert lead_count == 22
    assert rejected_count == 0


def test_export_channel_counts(export_warehouse):
    # Counted by hand from the LeadSource column of Lead.csv: Web 7, Purchased List 7,
    # Phone Inquiry 4, Partner Referral 4.
    rows = export_warehouse.query(
        """
        select channel, generated_source, is_referral, count(*) as leads
        from {marts}.leads
        group by all
        order by channel
        """
    )
    assert rows == [
        ("Inbound Phone", "Marketing Generated", False, 4),
        # Partner Referral is a partner channel, not a referral by a CRM person.
        ("Partner", "Sales Generated", False, 4),
        ("Purchased List", "Marketing Generated", False, 7),
        ("Website", "Marketing Generated", False, 7),
    ]


def test_export_status_does_not_convert(export_warehouse):
    # Pat Stumuller, Andy Young and Jack Rogers have Status "Closed - Converted" but
    # IsConverted FALSE; IsConverted is what counts.
    rows = export_warehouse.query(
        """
        select lead_id, is_converted, converted_opportunity_id
        from {marts}.leads
        where lead_id in ('00Qbm00000OrxkHEAR', '00Qbm00000OrxkIEAR', '00Qbm00000OrxkMEAR')
        order by lead_id
        """
    )
    assert rows == [
        ("00Qbm00000OrxkHEAR", False, None),
        ("00Qbm00000OrxkIEAR", False, None),
        ("00Qbm00000OrxkMEAR", False, None),
    ]


def test_export_unknown_created_month(export_warehouse):
    # Lead.csv has no CreatedDate: the leads stay, with their month unknown.
    rows = export_warehouse.query(
        "select created_at, created_month, count(*) from {marts}.leads group by all"
    )
    assert rows == [(None, None, 22)]


def test_export_opportunity_attribution(export_warehouse):
    # Bertha Boxer (Web) was converted into 006bm00000LKgOnAAL. Opportunity.csv has
    # CreatedDate 02/24/26 for it and Lead.csv has no creation time, so the lead counts
    # as created in time and originates it.
    rows = export_warehouse.query(
        """
        select opportunity_id, originating_lead_id, attach_method, generated_source
        from {marts}.opportunity_attribution
        where opportunity_id = '006bm00000LKgOnAAL'
        """
    )
    assert rows == [
        ("006bm00000LKgOnAAL", "00Qbm00000Orxk5EAB", "conversion", "Marketing Generated")
    ]

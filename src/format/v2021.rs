//! 国办公开办函〔2021〕30号: reports for 2021 and later.

use super::*;

const COUNT: CellKind = CellKind::Count;

static ITEM1_COLUMNS: [ColumnDef; 3] = [
    ColumnDef {
        key: "made",
        label: "本年制发件数",
        kind: COUNT,
    },
    ColumnDef {
        key: "repealed",
        label: "本年废止件数",
        kind: COUNT,
    },
    ColumnDef {
        key: "in_force",
        label: "现行有效件数",
        kind: COUNT,
    },
];
static DECISION_COLUMNS: [ColumnDef; 1] = [ColumnDef {
    key: "decisions",
    label: "本年处理决定数量",
    kind: COUNT,
}];
static FEE_COLUMNS: [ColumnDef; 1] = [ColumnDef {
    key: "fees",
    label: "本年收费金额（单位：万元）",
    kind: CellKind::Amount,
}];

const fn plain(key: &'static str, label: &'static str) -> RowDef {
    RowDef {
        key,
        label,
        note: None,
        group: None,
        role: RowRole::Plain,
        aliases: &[],
    }
}

static ITEM1_ROWS: [RowDef; 2] = [
    plain("rules", "规章"),
    RowDef {
        key: "normative",
        label: "行政规范性文件",
        note: None,
        group: None,
        role: RowRole::Plain,
        aliases: &["规范性文件"],
    },
];
static ITEM5_ROWS: [RowDef; 1] = [plain("licensing", "行政许可")];
static ITEM6_ROWS: [RowDef; 2] = [
    plain("penalty", "行政处罚"),
    plain("enforcement", "行政强制"),
];
static ITEM8_ROWS: [RowDef; 1] = [plain("fees", "行政事业性收费")];

static ACTIVE: [SubTableDef; 4] = [
    SubTableDef {
        item: 1,
        heading: "第二十条第（一）项",
        columns: &ITEM1_COLUMNS,
        rows: &ITEM1_ROWS,
    },
    SubTableDef {
        item: 5,
        heading: "第二十条第（五）项",
        columns: &DECISION_COLUMNS,
        rows: &ITEM5_ROWS,
    },
    SubTableDef {
        item: 6,
        heading: "第二十条第（六）项",
        columns: &DECISION_COLUMNS,
        rows: &ITEM6_ROWS,
    },
    SubTableDef {
        item: 8,
        heading: "第二十条第（八）项",
        columns: &FEE_COLUMNS,
        rows: &ITEM8_ROWS,
    },
];

static APPLICATIONS: [RowDef; 25] = {
    use super::table_b::*;
    const fn other(
        key: &'static str,
        label: &'static str,
        aliases: &'static [&'static str],
    ) -> RowDef {
        RowDef {
            key,
            label,
            note: None,
            group: Some(&GROUP_O),
            role: RowRole::Leaf,
            aliases,
        }
    }
    [
        NEW,
        CARRIED,
        GRANTED,
        PARTIAL,
        D1,
        D2,
        D3,
        D4,
        D5,
        D6,
        D7,
        D8,
        U1,
        U2,
        U3,
        N1,
        N2,
        N3,
        N4,
        N5,
        other(
            "o1",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            &["1.逾期不补正"],
        ),
        other(
            "o2",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            &["2.逾期不缴费"],
        ),
        other("o3", "3.其他", &[]),
        TOTAL,
        FORWARD,
    ]
};

pub static FORMAT: Format = Format {
    id: FormatId::V2021,
    active: &ACTIVE,
    applications: &APPLICATIONS,
    relations: &relations::RELATIONS,
};

//! 国办公开办函〔2019〕60号: reports for 2019 and 2020.

use super::*;

const COUNT: CellKind = CellKind::Count;

static ITEM1_COLUMNS: [ColumnDef; 3] = [
    ColumnDef {
        key: "made",
        label: "本年新制作数量",
        kind: COUNT,
    },
    ColumnDef {
        key: "published",
        label: "本年新公开数量",
        kind: COUNT,
    },
    ColumnDef {
        key: "in_force",
        label: "对外公开总数量",
        kind: COUNT,
    },
];
static PROJECT_COLUMNS: [ColumnDef; 3] = [
    ColumnDef {
        key: "last_year",
        label: "上一年项目数量",
        kind: COUNT,
    },
    ColumnDef {
        key: "change",
        label: "本年增/减",
        kind: CellKind::Signed,
    },
    ColumnDef {
        key: "decisions",
        label: "处理决定数量",
        kind: COUNT,
    },
];
static FEE_COLUMNS: [ColumnDef; 2] = [
    ColumnDef {
        key: "last_year",
        label: "上一年项目数量",
        kind: COUNT,
    },
    ColumnDef {
        key: "change",
        label: "本年增/减",
        kind: CellKind::Signed,
    },
];
static PURCHASE_COLUMNS: [ColumnDef; 2] = [
    ColumnDef {
        key: "projects",
        label: "采购项目数量",
        kind: COUNT,
    },
    ColumnDef {
        key: "amount",
        label: "采购总金额",
        kind: CellKind::Amount,
    },
];

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

static ITEM1_ROWS: [RowDef; 2] = [plain("rules", "规章"), plain("normative", "规范性文件")];
static ITEM5_ROWS: [RowDef; 2] = [
    plain("licensing", "行政许可"),
    plain("other_services", "其他对外管理服务事项"),
];
static ITEM6_ROWS: [RowDef; 2] = [
    plain("penalty", "行政处罚"),
    plain("enforcement", "行政强制"),
];
static ITEM8_ROWS: [RowDef; 1] = [plain("fees", "行政事业性收费")];
static ITEM9_ROWS: [RowDef; 1] = [plain("procurement", "政府集中采购")];

static ACTIVE: [SubTableDef; 5] = [
    SubTableDef {
        item: 1,
        heading: "第二十条第（一）项",
        columns: &ITEM1_COLUMNS,
        rows: &ITEM1_ROWS,
    },
    SubTableDef {
        item: 5,
        heading: "第二十条第（五）项",
        columns: &PROJECT_COLUMNS,
        rows: &ITEM5_ROWS,
    },
    SubTableDef {
        item: 6,
        heading: "第二十条第（六）项",
        columns: &PROJECT_COLUMNS,
        rows: &ITEM6_ROWS,
    },
    SubTableDef {
        item: 8,
        heading: "第二十条第（八）项",
        columns: &FEE_COLUMNS,
        rows: &ITEM8_ROWS,
    },
    SubTableDef {
        item: 9,
        heading: "第二十条第（九）项",
        columns: &PURCHASE_COLUMNS,
        rows: &ITEM9_ROWS,
    },
];

static APPLICATIONS: [RowDef; 23] = {
    use super::table_b::*;
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
        RowDef {
            key: "o",
            label: "（六）其他处理",
            note: None,
            group: Some(&RESULTS_GROUP),
            role: RowRole::Leaf,
            aliases: &[],
        },
        TOTAL,
        FORWARD,
    ]
};

pub static FORMAT: Format = Format {
    id: FormatId::V2019,
    active: &ACTIVE,
    applications: &APPLICATIONS,
    relations: &relations::RELATIONS,
};

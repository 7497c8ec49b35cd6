//! Table B rows that both formats share (all but （六）其他处理).

use super::*;

const fn row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static GroupDef>,
    role: RowRole,
) -> RowDef {
    RowDef {
        key,
        label,
        note: None,
        group,
        role,
        aliases: &[],
    }
}
const fn leaf(key: &'static str, label: &'static str, group: &'static GroupDef) -> RowDef {
    row(key, label, Some(group), RowRole::Leaf)
}

pub const NEW: RowDef = row(
    "new",
    "一、本年新收政府信息公开申请数量",
    None,
    RowRole::New,
);
pub const CARRIED: RowDef = row(
    "carried",
    "二、上年结转政府信息公开申请数量",
    None,
    RowRole::Carried,
);
pub const GRANTED: RowDef = leaf("granted", "（一）予以公开", &RESULTS_GROUP);
pub const PARTIAL: RowDef = RowDef {
    key: "partial",
    label: "（二）部分公开",
    note: Some("（区分处理的，只计这一情形，不计其他情形）"),
    group: Some(&RESULTS_GROUP),
    role: RowRole::Leaf,
    aliases: &[],
};
pub const D1: RowDef = leaf("d1", "1.属于国家秘密", &GROUP_D);
pub const D2: RowDef = leaf("d2", "2.其他法律行政法规禁止公开", &GROUP_D);
pub const D3: RowDef = leaf("d3", "3.危及“三安全一稳定”", &GROUP_D);
pub const D4: RowDef = leaf("d4", "4.保护第三方合法权益", &GROUP_D);
pub const D5: RowDef = leaf("d5", "5.属于三类内部事务信息", &GROUP_D);
pub const D6: RowDef = leaf("d6", "6.属于四类过程性信息", &GROUP_D);
pub const D7: RowDef = leaf("d7", "7.属于行政执法案卷", &GROUP_D);
pub const D8: RowDef = leaf("d8", "8.属于行政查询事项", &GROUP_D);
pub const U1: RowDef = leaf("u1", "1.本机关不掌握相关政府信息", &GROUP_U);
pub const U2: RowDef = leaf("u2", "2.没有现成信息需要另行制作", &GROUP_U);
pub const U3: RowDef = leaf("u3", "3.补正后申请内容仍不明确", &GROUP_U);
pub const N1: RowDef = leaf("n1", "1.信访举报投诉类申请", &GROUP_N);
pub const N2: RowDef = leaf("n2", "2.重复申请", &GROUP_N);
pub const N3: RowDef = leaf("n3", "3.要求提供公开出版物", &GROUP_N);
pub const N4: RowDef = leaf("n4", "4.无正当理由大量反复申请", &GROUP_N);
pub const N5: RowDef = leaf("n5", "5.要求行政机关确认或重新出具已获取信息", &GROUP_N);
pub const TOTAL: RowDef = row("total", "（七）总计", Some(&RESULTS_GROUP), RowRole::Total);
pub const FORWARD: RowDef = row("forward", "四、结转下年度继续办理", None, RowRole::Forward);

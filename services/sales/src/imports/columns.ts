/** The fields a row of an import file can carry. */
export type ImportField =
  | 'name'
  | 'kind'
  | 'industry'
  | 'region'
  | 'tier'
  | 'lifecycleStage'
  | 'tags'
  | 'phone'
  | 'email'
  | 'country'
  | 'province'
  | 'city'
  | 'district'
  | 'street'
  | 'postalCode'
  | 'contactName'
  | 'contactTitle'
  | 'contactPhone'
  | 'contactEmail';

/** Header names as Chinese and English exports write them (compared without case, spaces or punctuation). */
const ALIASES: Record<ImportField, string[]> = {
  name: [
    '客户名称',
    '客户名',
    '客户',
    '公司名称',
    '公司',
    '企业名称',
    '名称',
    'name',
    'customer',
    'customername',
    'company',
    'companyname',
  ],
  kind: ['客户类型', '类型', 'kind', 'type', 'customertype'],
  industry: ['行业', '所属行业', 'industry'],
  region: ['地区', '区域', '大区', 'region', 'area'],
  tier: ['等级', '客户等级', '级别', '客户级别', 'tier', 'level', 'grade'],
  lifecycleStage: [
    '阶段',
    '客户阶段',
    '客户状态',
    '生命周期',
    'lifecyclestage',
    'stage',
    'lifecycle',
  ],
  tags: ['标签', 'tags', 'tag'],
  phone: [
    '电话',
    '客户电话',
    '公司电话',
    '联系电话',
    '电话号码',
    '手机',
    '手机号',
    'phone',
    'tel',
    'telephone',
    'mobile',
  ],
  email: ['邮箱', '客户邮箱', '电子邮件', '电子邮箱', '邮件', 'email', 'mail'],
  country: ['国家', 'country'],
  province: ['省', '省份', 'province', 'state'],
  city: ['市', '城市', 'city'],
  district: ['区', '区县', '县区', 'district'],
  street: ['地址', '详细地址', '街道', 'address', 'street'],
  postalCode: ['邮编', '邮政编码', 'postalcode', 'zip', 'zipcode', 'postcode'],
  contactName: ['联系人', '联系人姓名', '姓名', 'contact', 'contactname'],
  contactTitle: ['职务', '职位', '联系人职务', '联系人职位', 'title', 'jobtitle', 'contacttitle'],
  contactPhone: ['联系人电话', '联系人手机', 'contactphone', 'contactmobile'],
  contactEmail: ['联系人邮箱', '联系人邮件', 'contactemail'],
};

const fold = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');

const BY_ALIAS = new Map<string, ImportField>(
  (Object.entries(ALIASES) as [ImportField, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [fold(n), field] as const),
  ),
);

export interface ColumnMap {
  /** Column index -> field, for the recognised headers. */
  fields: Map<number, ImportField>;
  /** Field -> the header as the file wrote it (for messages). */
  headers: Map<ImportField, string>;
  /** Headers nobody recognised (reported, then ignored). */
  unknown: string[];
}

/** Maps a header row to fields; the first column of a field wins. */
export function mapColumns(headerRow: string[]): ColumnMap {
  const fields = new Map<number, ImportField>();
  const headers = new Map<ImportField, string>();
  const unknown: string[] = [];
  headerRow.forEach((raw, index) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    if (!header) return;
    const field = BY_ALIAS.get(fold(header));
    if (!field) unknown.push(header);
    else if (!headers.has(field)) {
      fields.set(index, field);
      headers.set(field, header);
    }
  });
  return { fields, headers, unknown };
}

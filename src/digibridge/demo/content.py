# ruff: noqa: E501
# Long natural-language literals (descriptions in four languages) are kept on one line on purpose.
"""Demo content for DigiBridge: the International Cooperation Forum of the 2025 Global
Digital Economy Conference in Barcelona (4 March 2025) and its "Beijing Night" exchange.

Pure data, no Django import. Everything generated is deterministic: each builder starts its
own ``random.Random(2025)`` so that calling it twice yields equal data.

Real organisations named in the programme are described neutrally and generically (what kind
of organisation they are and their role here); every person, every invented company and every
opportunity is fictitious. Invented organisations use ``example.org`` placeholder websites and
all e-mail addresses use the reserved ``.example`` top-level domain.
"""

from __future__ import annotations

import random
import unicodedata

SEED = 2025
DEMO_LOAD_NOTE = "deadline_days are offsets in days from the date the demo data is loaded"

# ---------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------

CATALAN_CITIES = {
    "Barcelona",
    "Girona",
    "Lleida",
    "Tarragona",
    "Sabadell",
    "Terrassa",
    "El Prat de Llobregat",
    "Vilafranca del Penedès",
    "Martorell",
    "Reus",
    "Mataró",
}


def _org(
    key,
    name,
    names,
    type_,
    country,
    city,
    description,
    description_language,
    sectors,
    size,
    languages,
    website="",
    verified=True,
):
    return {
        "key": key,
        "name": name,
        "names": names,
        "type": type_,
        "country": country,
        "city": city,
        "website": website,
        "description": description,
        "description_language": description_language,
        "sectors": list(sectors),
        "size": size,
        "languages": list(languages),
        "verified": verified,
    }


# Real organisations named in the programme. Descriptions: neutral, generic, no figures.
_REAL_ORGS = [
    _org(
        "beijing-economy-it-bureau",
        "Beijing Municipal Bureau of Economy and Information Technology",
        {
            "zh-hans": "北京市经济和信息化局",
            "es": "Oficina Municipal de Economía y Tecnologías de la Información de Pekín",
            "ca": "Oficina Municipal d'Economia i Tecnologies de la Informació de Pequín",
        },
        "government",
        "CN",
        "Beijing",
        "北京市负责经济和信息化领域工作的政府部门。在本次论坛中作为全球数字经济伙伴城市合作倡议的协调单位。",
        "zh-hans",
        ["digital-government", "industrial-internet", "ai-large-models"],
        "large",
        ["zh-hans", "en"],
    ),
    _org(
        "beijing-overseas-service-base",
        "Beijing Digital Economy Enterprise Overseas Innovation Service Base",
        {
            "zh-hans": "北京数字经济企业出海创新服务基地",
            "es": "Base de Servicios de Innovación para la Internacionalización de Empresas de Economía Digital de Pekín",
            "ca": "Base de Serveis d'Innovació per a la Internacionalització d'Empreses d'Economia Digital de Pequín",
        },
        "service_provider",
        "CN",
        "Beijing",
        "为北京数字经济企业拓展海外市场提供供需对接、落地咨询和合规等综合服务，在巴塞罗那设有欧洲中心。本平台的运营方。",
        "zh-hans",
        ["cross-border-ecommerce", "enterprise-software", "data-services"],
        "medium",
        ["zh-hans", "en"],
    ),
    _org(
        "service-base-barcelona",
        "Beijing Digital Economy Enterprise Overseas Innovation Service Base – European Centre (Barcelona)",
        {
            "zh-hans": "北京数字经济企业出海创新服务基地欧洲中心（巴塞罗那）",
            "es": "Centro Europeo de la Base de Servicios de Pekín (Barcelona)",
            "ca": "Centre Europeu de la Base de Serveis de Pequín (Barcelona)",
        },
        "service_provider",
        "ES",
        "Barcelona",
        "The Barcelona centre of the Beijing overseas innovation service base. It welcomes Beijing enterprises arriving in Europe, organises matchmaking with European partners and runs this platform's programme on site.",
        "en",
        ["cross-border-ecommerce", "enterprise-software", "data-services"],
        "small",
        ["zh-hans", "en", "es", "ca"],
    ),
    _org(
        "catalonia-trade-investment",
        "Catalonia Trade & Investment Agency",
        {
            "ca": "ACCIÓ – Agència per la Competitivitat de l'Empresa (Catalonia Trade & Investment)",
            "es": "ACCIÓ – Agencia para la Competitividad de la Empresa",
            "zh-hans": "加泰罗尼亚贸易投资局",
        },
        "government",
        "ES",
        "Barcelona",
        "Agència de la Generalitat de Catalunya per a la competitivitat de l'empresa, la internacionalització i l'atracció d'inversió estrangera. Participa al fòrum com a institució amfitriona per part catalana.",
        "ca",
        ["smart-manufacturing", "smart-energy", "digital-government"],
        "large",
        ["ca", "es", "en", "zh-hans"],
    ),
    _org(
        "barcelona-economic-promotion",
        "International Economic Promotion Office of the Barcelona City Government",
        {
            "ca": "Oficina de Promoció Econòmica Internacional de l'Ajuntament de Barcelona",
            "es": "Oficina de Promoción Económica Internacional del Ayuntamiento de Barcelona",
            "zh-hans": "巴塞罗那市政府国际经济促进办公室",
        },
        "government",
        "ES",
        "Barcelona",
        "Oficina de l'Ajuntament de Barcelona dedicada a la promoció econòmica internacional de la ciutat i a l'acompanyament d'empreses estrangeres que s'hi volen establir.",
        "ca",
        ["smart-city", "digital-government", "smart-tourism"],
        "large",
        ["ca", "es", "en"],
    ),
    _org(
        "china-europe-digital-association",
        "China-Europe Digital Association",
        {
            "zh-hans": "中欧数字协会",
            "es": "Asociación Digital China-Europa",
            "ca": "Associació Digital Xina-Europa",
        },
        "association",
        "BE",
        "Brussels",
        "Association that brings together Chinese and European organisations working on the digital economy. Co-organiser of the business-association network in this programme.",
        "en",
        ["data-services", "ai-large-models", "value-added-telecom"],
        "small",
        ["en", "zh-hans", "fr"],
    ),
    _org(
        "gsma-greater-china",
        "GSMA (Greater China)",
        {"zh-hans": "GSMA大中华区"},
        "association",
        "CN",
        "Shanghai",
        "Greater China office of the GSMA, the global industry association of mobile network operators, which also organises the Mobile World Congress.",
        "en",
        ["value-added-telecom", "5g-networks", "iot-connectivity"],
        "medium",
        ["en", "zh-hans"],
    ),
    _org(
        "barcelona-chamber-of-commerce",
        "Barcelona Chamber of Commerce",
        {
            "ca": "Cambra de Comerç de Barcelona",
            "es": "Cámara de Comercio de Barcelona",
            "zh-hans": "巴塞罗那商会",
        },
        "association",
        "ES",
        "Barcelona",
        "Corporació de dret públic que representa i presta serveis a les empreses de l'àrea de Barcelona, entre ells suport a la internacionalització.",
        "ca",
        ["cross-border-ecommerce", "smart-logistics", "enterprise-software"],
        "large",
        ["ca", "es", "en"],
    ),
    _org(
        "catalonia-sme-association",
        "Catalonia Association of Small and Medium-Sized Enterprises",
        {
            "ca": "PIMEC – Micro, Petita i Mitjana Empresa de Catalunya",
            "es": "PIMEC – Micro, Pequeña y Mediana Empresa de Cataluña",
            "zh-hans": "加泰罗尼亚中小企业协会",
        },
        "association",
        "ES",
        "Barcelona",
        "Organització empresarial que representa les micro, petites i mitjanes empreses i els autònoms de Catalunya.",
        "ca",
        ["smart-manufacturing", "enterprise-software", "cross-border-ecommerce"],
        "large",
        ["ca", "es", "en"],
    ),
    _org(
        "catalonia-beijing-association",
        "Catalonia Beijing Association",
        {
            "ca": "Associació Catalunya Pequín",
            "es": "Asociación Cataluña Pekín",
            "zh-hans": "加泰罗尼亚北京协会",
        },
        "association",
        "ES",
        "Barcelona",
        "Associació que fomenta els vincles empresarials, institucionals i culturals entre Catalunya i Pequín.",
        "ca",
        ["smart-tourism", "cross-border-ecommerce", "edtech"],
        "small",
        ["ca", "es", "zh-hans", "en"],
    ),
    _org(
        "caict",
        "China Academy of Information and Communications Technology",
        {
            "zh-hans": "中国信息通信研究院",
            "es": "Academia China de Tecnologías de la Información y las Comunicaciones",
            "ca": "Acadèmia Xinesa de Tecnologies de la Informació i les Comunicacions",
        },
        "research",
        "CN",
        "Beijing",
        "从事信息通信领域研究、标准和测试工作的科研机构。在论坛中参与数字经济发展议题的研讨。",
        "zh-hans",
        ["value-added-telecom", "data-services", "ai-large-models"],
        "large",
        ["zh-hans", "en"],
    ),
    _org(
        "huawei",
        "Huawei",
        {"zh-hans": "华为"},
        "enterprise",
        "CN",
        "Shenzhen",
        "Provider of information and communications technology infrastructure and smart devices. Exhibitor at the Beijing Night enterprise exchange.",
        "en",
        ["5g-networks", "cloud-computing", "consumer-electronics"],
        "large",
        ["zh-hans", "en", "es"],
    ),
    _org(
        "yonyou",
        "Yonyou Network",
        {"zh-hans": "用友网络"},
        "enterprise",
        "CN",
        "Beijing",
        "企业软件与企业云服务提供商，参加“北京之夜”企业交流活动。",
        "zh-hans",
        ["enterprise-software", "cloud-computing"],
        "large",
        ["zh-hans", "en"],
    ),
    _org(
        "isoftstone",
        "iSoftStone",
        {"zh-hans": "软通动力"},
        "enterprise",
        "CN",
        "Beijing",
        "Software and information technology services company. Participant in the Beijing Night enterprise exchange.",
        "en",
        ["enterprise-software", "cloud-computing", "data-services"],
        "large",
        ["zh-hans", "en"],
    ),
    _org(
        "china-telecom",
        "China Telecom",
        {"zh-hans": "中国电信"},
        "enterprise",
        "CN",
        "Beijing",
        "提供固定、移动通信及云服务的电信运营商，参加“北京之夜”企业交流活动。",
        "zh-hans",
        ["value-added-telecom", "5g-networks", "cloud-computing"],
        "large",
        ["zh-hans", "en"],
    ),
    _org(
        "zte",
        "ZTE",
        {"zh-hans": "中兴通讯"},
        "enterprise",
        "CN",
        "Shenzhen",
        "Telecommunications equipment and systems provider. Participant in the Beijing Night enterprise exchange.",
        "en",
        ["5g-networks", "value-added-telecom"],
        "large",
        ["zh-hans", "en"],
    ),
    _org(
        "seat",
        "SEAT",
        {"zh-hans": "西雅特"},
        "enterprise",
        "ES",
        "Martorell",
        "Fabricante de automóviles con sede en Martorell (Barcelona). Participa en el intercambio empresarial de la Noche de Pekín.",
        "es",
        ["connected-vehicles", "smart-manufacturing"],
        "large",
        ["es", "ca", "en", "de"],
    ),
    _org(
        "faurecia",
        "Faurecia",
        {"zh-hans": "佛吉亚"},
        "enterprise",
        "FR",
        "Nanterre",
        "Automotive technology supplier, part of the FORVIA group. Participant in the Beijing Night enterprise exchange.",
        "en",
        ["connected-vehicles", "smart-manufacturing"],
        "large",
        ["fr", "en"],
    ),
    _org(
        "stefani-international-exchange",
        "Stefani International Exchange",
        {},
        "enterprise",
        "ES",
        "",
        "Participant in the Beijing Night enterprise exchange. Profile to be completed by the organisation.",
        "en",
        ["cross-border-ecommerce"],
        "small",
        ["en", "es"],
        verified=False,
    ),
    _org(
        "roca",
        "ROCA",
        {"zh-hans": "乐家"},
        "enterprise",
        "ES",
        "Barcelona",
        "Empresa fabricante de productos para el espacio de baño, con sede en Barcelona. Participa en el intercambio empresarial de la Noche de Pekín.",
        "es",
        ["smart-buildings", "smart-manufacturing"],
        "large",
        ["es", "ca", "en", "zh-hans"],
    ),
    _org(
        "babylan",
        "Babylan",
        {},
        "enterprise",
        "ES",
        "",
        "Participant in the Beijing Night enterprise exchange. Profile to be completed by the organisation.",
        "en",
        ["digital-content"],
        "small",
        ["en", "es"],
        verified=False,
    ),
]

SEED_ORG_KEYS = [o["key"] for o in _REAL_ORGS]

# Partner cities: (key suffix, English name, names, country, description language, description)
_CITY_ROWS = [
    (
        "beijing",
        "Beijing",
        {"zh-hans": "北京", "es": "Pekín", "ca": "Pequín"},
        "CN",
        "zh-hans",
        "中国首都，全球数字经济标杆城市建设的倡导者，伙伴城市合作倡议的发起城市。",
    ),
    (
        "barcelona",
        "Barcelona",
        {"zh-hans": "巴塞罗那", "es": "Barcelona", "ca": "Barcelona"},
        "ES",
        "ca",
        "Capital de Catalunya i seu del Mobile World Congress; ciutat sòcia de la iniciativa i amfitriona del fòrum de 2025.",
    ),
    (
        "shanghai",
        "Shanghai",
        {"zh-hans": "上海", "es": "Shanghái", "ca": "Xangai"},
        "CN",
        "zh-hans",
        "中国经济与金融中心城市，伙伴城市合作倡议成员。",
    ),
    (
        "shenzhen",
        "Shenzhen",
        {"zh-hans": "深圳", "es": "Shenzhen", "ca": "Shenzhen"},
        "CN",
        "zh-hans",
        "以电子信息与硬件创新见长的城市，伙伴城市合作倡议成员。",
    ),
    (
        "hangzhou",
        "Hangzhou",
        {"zh-hans": "杭州", "es": "Hangzhou", "ca": "Hangzhou"},
        "CN",
        "zh-hans",
        "跨境电商与数字经济活跃城市，伙伴城市合作倡议成员。",
    ),
    (
        "chengdu",
        "Chengdu",
        {"zh-hans": "成都", "es": "Chengdu", "ca": "Chengdu"},
        "CN",
        "zh-hans",
        "中国西部中心城市，伙伴城市合作倡议成员。",
    ),
    (
        "wuhan",
        "Wuhan",
        {"zh-hans": "武汉", "es": "Wuhan", "ca": "Wuhan"},
        "CN",
        "zh-hans",
        "华中地区中心城市，伙伴城市合作倡议成员。",
    ),
    (
        "xian",
        "Xi'an",
        {"zh-hans": "西安", "es": "Xi'an", "ca": "Xi'an"},
        "CN",
        "zh-hans",
        "西北地区中心城市，伙伴城市合作倡议成员。",
    ),
    (
        "tianjin",
        "Tianjin",
        {"zh-hans": "天津", "es": "Tianjin", "ca": "Tianjin"},
        "CN",
        "zh-hans",
        "北方港口城市，伙伴城市合作倡议成员。",
    ),
    (
        "suzhou",
        "Suzhou",
        {"zh-hans": "苏州", "es": "Suzhou", "ca": "Suzhou"},
        "CN",
        "zh-hans",
        "长三角制造业城市，伙伴城市合作倡议成员。",
    ),
    (
        "madrid",
        "Madrid",
        {"zh-hans": "马德里", "es": "Madrid", "ca": "Madrid"},
        "ES",
        "es",
        "Capital de España y miembro de la iniciativa de ciudades socias.",
    ),
    (
        "valencia",
        "Valencia",
        {"zh-hans": "瓦伦西亚", "es": "Valencia", "ca": "València"},
        "ES",
        "es",
        "Ciudad portuaria del Mediterráneo y miembro de la iniciativa de ciudades socias.",
    ),
    (
        "milan",
        "Milan",
        {"zh-hans": "米兰", "es": "Milán", "ca": "Milà", "it": "Milano"},
        "IT",
        "en",
        "Northern Italian business capital and member of the partner-cities initiative.",
    ),
    (
        "munich",
        "Munich",
        {"zh-hans": "慕尼黑", "es": "Múnich", "ca": "Munic", "de": "München"},
        "DE",
        "en",
        "Bavarian capital and member of the partner-cities initiative.",
    ),
    (
        "hamburg",
        "Hamburg",
        {"zh-hans": "汉堡", "es": "Hamburgo", "ca": "Hamburg"},
        "DE",
        "en",
        "Port city in northern Germany and member of the partner-cities initiative.",
    ),
    (
        "lyon",
        "Lyon",
        {"zh-hans": "里昂", "es": "Lyon", "ca": "Lió"},
        "FR",
        "en",
        "French metropolis and member of the partner-cities initiative.",
    ),
    (
        "lisbon",
        "Lisbon",
        {"zh-hans": "里斯本", "es": "Lisboa", "ca": "Lisboa", "pt": "Lisboa"},
        "PT",
        "en",
        "Portuguese capital and member of the partner-cities initiative.",
    ),
    (
        "amsterdam",
        "Amsterdam",
        {"zh-hans": "阿姆斯特丹", "es": "Ámsterdam", "ca": "Amsterdam"},
        "NL",
        "en",
        "Dutch capital and member of the partner-cities initiative.",
    ),
    (
        "eindhoven",
        "Eindhoven",
        {"zh-hans": "埃因霍温", "es": "Eindhoven", "ca": "Eindhoven"},
        "NL",
        "en",
        "Technology hub in the southern Netherlands and member of the partner-cities initiative.",
    ),
    (
        "warsaw",
        "Warsaw",
        {"zh-hans": "华沙", "es": "Varsovia", "ca": "Varsòvia", "pl": "Warszawa"},
        "PL",
        "en",
        "Polish capital and member of the partner-cities initiative.",
    ),
    (
        "budapest",
        "Budapest",
        {"zh-hans": "布达佩斯", "es": "Budapest", "ca": "Budapest"},
        "HU",
        "en",
        "Hungarian capital and member of the partner-cities initiative.",
    ),
    (
        "athens",
        "Athens",
        {"zh-hans": "雅典", "es": "Atenas", "ca": "Atenes"},
        "GR",
        "en",
        "Greek capital and member of the partner-cities initiative.",
    ),
    (
        "vienna",
        "Vienna",
        {"zh-hans": "维也纳", "es": "Viena", "ca": "Viena", "de": "Wien"},
        "AT",
        "en",
        "Austrian capital and member of the partner-cities initiative.",
    ),
    (
        "helsinki",
        "Helsinki",
        {"zh-hans": "赫尔辛基", "es": "Helsinki", "ca": "Hèlsinki"},
        "FI",
        "en",
        "Finnish capital and member of the partner-cities initiative.",
    ),
    (
        "dubai",
        "Dubai",
        {"zh-hans": "迪拜", "es": "Dubái", "ca": "Dubai"},
        "AE",
        "en",
        "Gulf trade and logistics hub and member of the partner-cities initiative.",
    ),
    (
        "singapore",
        "Singapore",
        {"zh-hans": "新加坡", "es": "Singapur", "ca": "Singapur"},
        "SG",
        "en",
        "City-state in South-East Asia and member of the partner-cities initiative.",
    ),
    (
        "sao-paulo",
        "São Paulo",
        {"zh-hans": "圣保罗", "es": "São Paulo", "ca": "São Paulo"},
        "BR",
        "en",
        "Largest city in Brazil and member of the partner-cities initiative.",
    ),
    (
        "bangkok",
        "Bangkok",
        {"zh-hans": "曼谷", "es": "Bangkok", "ca": "Bangkok"},
        "TH",
        "en",
        "Thai capital and member of the partner-cities initiative.",
    ),
    (
        "nairobi",
        "Nairobi",
        {"zh-hans": "内罗毕", "es": "Nairobi", "ca": "Nairobi"},
        "KE",
        "en",
        "Kenyan capital and member of the partner-cities initiative.",
    ),
    (
        "kuala-lumpur",
        "Kuala Lumpur",
        {"zh-hans": "吉隆坡", "es": "Kuala Lumpur", "ca": "Kuala Lumpur"},
        "MY",
        "en",
        "Malaysian capital and member of the partner-cities initiative.",
    ),
]

_CITY_LANGS = {
    "CN": ["zh-hans", "en"],
    "ES": ["es", "en"],
    "IT": ["it", "en"],
    "DE": ["de", "en"],
    "FR": ["fr", "en"],
    "PT": ["pt", "en"],
    "NL": ["nl", "en"],
    "PL": ["pl", "en"],
    "AT": ["de", "en"],
}

_CITY_ORGS = [
    _org(
        f"city-{slug}",
        f"City of {name}" if cc != "CN" else f"{name} Municipal People's Government",
        {
            lang: (f"{local}市人民政府" if lang == "zh-hans" and cc == "CN" else local)
            for lang, local in names.items()
        },
        "city",
        cc,
        name,
        desc,
        lang,
        ["smart-city", "digital-government"],
        "large",
        (["ca", "es", "en"] if slug == "barcelona" else _CITY_LANGS.get(cc, ["en"])),
    )
    for slug, name, names, cc, lang, desc in _CITY_ROWS
]

# Invented Chinese enterprises: key, English name, Chinese name, city, size, sectors, language, description
_CN_ENTERPRISES = [
    (
        "qingluan-energy",
        "Qingluan Energy Storage Technology",
        "青鸾储能科技",
        "Beijing",
        "medium",
        ["energy-storage", "smart-energy"],
        "zh-hans",
        "专注工商业储能一体柜和储能能量管理系统（EMS）的研发与系统集成，产品覆盖100 kWh至5 MWh。",
    ),
    (
        "beichen-charging",
        "Beichen Charging Technology",
        "北辰充电科技",
        "Beijing",
        "medium",
        ["ev-charging", "smart-energy"],
        "zh-hans",
        "提供直流快充桩、充电运营云平台以及光储充一体化解决方案。",
    ),
    (
        "lanfeng-grid",
        "Lanfeng Grid Software",
        "岚峰电网软件",
        "Beijing",
        "small",
        ["smart-grid", "digital-twin"],
        "en",
        "Builds distribution-grid digital twins and outage-prediction software for utilities and industrial parks.",
    ),
    (
        "xingyun-pv",
        "Xingyun PV Systems",
        "星耘光伏系统",
        "Hangzhou",
        "medium",
        ["renewable-energy", "energy-storage"],
        "zh-hans",
        "分布式光伏与户用储能系统供应商，提供设计、设备和远程运维服务。",
    ),
    (
        "yuneng-microgrid",
        "Yuneng Microgrid",
        "御能微网",
        "Xi'an",
        "small",
        ["smart-grid", "renewable-energy"],
        "zh-hans",
        "为园区、港口和海岛提供微电网控制器和能量调度软件。",
    ),
    (
        "zhixing-autopilot",
        "Zhixing Autopilot Technology",
        "智行领航科技",
        "Beijing",
        "medium",
        ["autonomous-driving", "connected-vehicles"],
        "zh-hans",
        "面向园区、机场和港口等封闭场景的L4级自动驾驶解决方案提供商。",
    ),
    (
        "guangmu-lidar",
        "Guangmu Lidar",
        "光目激光雷达",
        "Suzhou",
        "medium",
        ["automotive-sensors", "autonomous-driving"],
        "en",
        "Designs solid-state lidar and perception modules for passenger cars, robotaxis and industrial vehicles.",
    ),
    (
        "chelian-v2x",
        "Chelian V2X Networks",
        "车联万象科技",
        "Wuhan",
        "small",
        ["connected-vehicles", "5g-networks"],
        "zh-hans",
        "提供C-V2X路侧单元、车载单元和车路协同云控平台。",
    ),
    (
        "tuoyun-trucks",
        "Tuoyun Autonomous Trucking",
        "拓运智驾",
        "Tianjin",
        "medium",
        ["autonomous-driving", "smart-logistics"],
        "zh-hans",
        "研发港口集卡和干线物流自动驾驶系统，提供车队运营服务。",
    ),
    (
        "hangyun-robotics",
        "Hangyun Robotics",
        "行运机器人",
        "Beijing",
        "medium",
        ["warehouse-automation", "robotics", "autonomous-driving"],
        "zh-hans",
        "自动驾驶叉车、潜伏式AMR和多车调度软件供应商，服务仓储、制造和冷链客户。",
    ),
    (
        "lengyuan-coldchain",
        "Lengyuan Cold Chain Technology",
        "冷源链科技",
        "Tianjin",
        "small",
        ["cold-chain", "iot-connectivity"],
        "zh-hans",
        "冷链温湿度监测终端与全程追溯平台，支持海运冷柜和仓储场景。",
    ),
    (
        "haitong-port",
        "Haitong Port Digital",
        "海瞳港口数字",
        "Tianjin",
        "medium",
        ["port-logistics", "computer-vision"],
        "en",
        "Provides computer-vision gate automation, container damage inspection and yard optimisation software for ports.",
    ),
    (
        "huozhan-cloud",
        "Huozhan Logistics Cloud",
        "货栈云",
        "Wuhan",
        "medium",
        ["smart-logistics", "cloud-computing"],
        "en",
        "SaaS transport-management and warehouse-management platform for mid-sized logistics companies.",
    ),
    (
        "jinbo-crossborder",
        "Jinbo Cross-Border Commerce",
        "锦帛跨境",
        "Hangzhou",
        "medium",
        ["cross-border-ecommerce", "digital-marketing"],
        "zh-hans",
        "跨境电商综合服务商，提供选品、海外仓和多平台店铺代运营服务。",
    ),
    (
        "qiaomai-live",
        "Qiaomai Live Commerce",
        "巧麦直播电商",
        "Hangzhou",
        "small",
        ["digital-marketing", "cross-border-ecommerce"],
        "zh-hans",
        "直播电商服务机构，拥有多语种主播团队和直播基地。",
    ),
    (
        "mingshu-ai",
        "Mingshu Intelligence",
        "明枢智能",
        "Beijing",
        "medium",
        ["ai-large-models", "speech-language"],
        "zh-hans",
        "自研行业大模型和智能体平台，支持私有化部署，服务制造、能源和政务客户。",
    ),
    (
        "shuyan-translate",
        "Shuyan Translation AI",
        "书言智译",
        "Beijing",
        "small",
        ["speech-language", "ai-large-models"],
        "en",
        "Machine translation and simultaneous speech-translation for Chinese, English, Spanish and Catalan business meetings.",
    ),
    (
        "shijing-vision",
        "Shijing Vision",
        "视境科技",
        "Shenzhen",
        "medium",
        ["computer-vision", "smart-city"],
        "zh-hans",
        "计算机视觉算法与边缘计算盒子供应商，聚焦交通、零售和工业质检。",
    ),
    (
        "tianlu-telecom",
        "Tianlu Value-Added Telecom",
        "天路增值电信",
        "Beijing",
        "medium",
        ["value-added-telecom", "iot-connectivity"],
        "zh-hans",
        "持有增值电信业务许可，提供物联网连接管理、短信和云通信服务。",
    ),
    (
        "xinghai-satcom",
        "Xinghai Satellite Communications",
        "星海卫通",
        "Xi'an",
        "medium",
        ["satellite-communications", "value-added-telecom"],
        "en",
        "Maritime and remote-site satellite connectivity terminals with managed service contracts.",
    ),
    (
        "sanyuan-iot",
        "Sanyuan IoT Modules",
        "叁元物联",
        "Shenzhen",
        "medium",
        ["iot-connectivity", "consumer-electronics"],
        "en",
        "Designs LTE Cat-1, NB-IoT and 5G RedCap modules and gateways for industrial and consumer devices.",
    ),
    (
        "yuanqiao-pay",
        "Yuanqiao Pay",
        "远桥支付",
        "Shanghai",
        "medium",
        ["digital-payments", "fintech", "cross-border-ecommerce"],
        "zh-hans",
        "跨境收款与结算服务商，支持多币种收单和外贸企业资金管理。",
    ),
    (
        "lianshu-chain",
        "Lianshu Blockchain",
        "链枢科技",
        "Beijing",
        "small",
        ["blockchain", "data-services"],
        "zh-hans",
        "区块链溯源与可信数据空间解决方案提供商。",
    ),
    (
        "gongxin-industrial",
        "Gongxin Industrial Internet",
        "工芯互联",
        "Beijing",
        "medium",
        ["industrial-internet", "smart-manufacturing"],
        "zh-hans",
        "工业互联网平台企业，提供设备联网、预测性维护和能耗管理应用。",
    ),
    (
        "ruoshui-robotics",
        "Ruoshui Robotics",
        "若水机器人",
        "Shenzhen",
        "medium",
        ["robotics", "smart-manufacturing"],
        "en",
        "Collaborative robot arms and vision-guided picking cells for electronics and food factories.",
    ),
    (
        "lanyu-cloud",
        "Lanyu Cloud",
        "蓝羽云",
        "Beijing",
        "large",
        ["cloud-computing", "data-centres"],
        "zh-hans",
        "云计算与算力服务商，提供GPU算力租赁、混合云和数据中心运维服务。",
    ),
    (
        "shoumen-cyber",
        "Shoumen Cybersecurity",
        "守门网安",
        "Beijing",
        "small",
        ["cybersecurity"],
        "zh-hans",
        "网络安全公司，提供渗透测试、安全运营中心（SOC）托管和数据出境合规评估。",
    ),
    (
        "shulin-data",
        "Shulin Data",
        "数林数据",
        "Chengdu",
        "small",
        ["data-services", "ai-large-models"],
        "zh-hans",
        "数据治理与数据标注服务商，拥有多语种标注团队。",
    ),
    (
        "youcheng-urban",
        "Youcheng Urban Tech",
        "优城智联",
        "Beijing",
        "medium",
        ["smart-city", "smart-mobility", "digital-government"],
        "zh-hans",
        "城市运行管理平台和智慧停车解决方案提供商。",
    ),
    (
        "louyu-buildings",
        "Louyu Smart Buildings",
        "楼宇智控",
        "Shanghai",
        "small",
        ["smart-buildings", "iot-connectivity"],
        "en",
        "Building-automation controllers and energy dashboards for offices, hotels and hospitals.",
    ),
    (
        "yikang-care",
        "Yikang Remote Care",
        "医康远程",
        "Beijing",
        "small",
        ["health-tech", "ai-large-models"],
        "zh-hans",
        "远程健康监测设备与AI辅助随访平台，服务社区医院和养老机构。",
    ),
    (
        "shuxiang-learning",
        "Shuxiang Learning",
        "书香学伴",
        "Beijing",
        "small",
        ["edtech", "speech-language"],
        "en",
        "AI-assisted language-learning apps, including Chinese for Spanish speakers.",
    ),
    (
        "tianmu-agritech",
        "Tianmu Agritech",
        "田牧智农",
        "Chengdu",
        "small",
        ["agritech", "drones"],
        "zh-hans",
        "植保无人机、农田物联网和作物长势分析服务。",
    ),
    (
        "youlan-tourism",
        "Youlan Smart Tourism",
        "游澜文旅科技",
        "Xi'an",
        "small",
        ["smart-tourism", "xr-metaverse"],
        "zh-hans",
        "文旅数字化服务商，提供景区导览小程序、AR文物讲解和票务系统。",
    ),
    (
        "guixin-micro",
        "Guixin Microelectronics",
        "硅心微电子",
        "Shanghai",
        "medium",
        ["semiconductors", "automotive-sensors"],
        "en",
        "Fabless designer of power-management and sensor-interface chips for automotive and industrial use.",
    ),
    (
        "huanjing-xr",
        "Huanjing XR",
        "幻境科技",
        "Beijing",
        "small",
        ["xr-metaverse", "digital-content"],
        "zh-hans",
        "XR内容制作与虚拟展厅平台，支持多人在线和多语言。",
    ),
    (
        "tanzhi-carbon",
        "Tanzhi Carbon Management",
        "碳知科技",
        "Beijing",
        "small",
        ["green-tech", "data-services"],
        "zh-hans",
        "企业碳核算与产品碳足迹软件，支持欧盟碳边境调节机制（CBAM）数据报送。",
    ),
    (
        "hengzhang-saas",
        "Hengzhang Finance SaaS",
        "衡账软件",
        "Beijing",
        "medium",
        ["enterprise-software", "fintech"],
        "zh-hans",
        "面向出海企业的多币种财务与电子发票SaaS。",
    ),
    (
        "manyou-games",
        "Manyou Interactive",
        "漫游互娱",
        "Chengdu",
        "medium",
        ["digital-content"],
        "en",
        "Independent game studio publishing casual and mid-core mobile games in Asia and Europe.",
    ),
    (
        "lingque-drones",
        "Lingque Low-Altitude",
        "翎雀低空",
        "Shenzhen",
        "medium",
        ["drones", "smart-logistics"],
        "zh-hans",
        "工业无人机与低空物流配送系统，提供机库、航线规划和调度平台。",
    ),
    (
        "qiongyu-space",
        "Qiongyu Space",
        "穹宇航天",
        "Beijing",
        "small",
        ["space-tech", "satellite-communications"],
        "en",
        "Small-satellite platforms and Earth-observation data products for agriculture and infrastructure monitoring.",
    ),
    (
        "chaoyu-quantum",
        "Chaoyu Quantum",
        "超域量子",
        "Hefei",
        "small",
        ["quantum", "cybersecurity"],
        "en",
        "Quantum random-number generators and quantum-key-distribution pilots for banks and utilities.",
    ),
    (
        "dianzhi-devices",
        "Dianzhi Smart Devices",
        "点智终端",
        "Shenzhen",
        "medium",
        ["consumer-electronics", "iot-connectivity"],
        "zh-hans",
        "智能家居与可穿戴设备ODM厂商，支持欧洲CE认证和Matter协议。",
    ),
]

# Invented European enterprises: key, name, country, city, size, sectors, language, description
_EU_ENTERPRISES = [
    (
        "portlogic-mediterrania",
        "Portlògic Mediterrània",
        "ES",
        "Barcelona",
        "medium",
        ["port-logistics", "smart-logistics"],
        "ca",
        "Operador logístic portuari especialitzat en contenidors i distribució cap al sud d'Europa.",
    ),
    (
        "almacenes-llobregat",
        "Almacenes Llobregat Logística",
        "ES",
        "El Prat de Llobregat",
        "large",
        ["smart-logistics", "warehouse-automation"],
        "es",
        "Operador logístico con almacenes de gran superficie junto al aeropuerto y el puerto de Barcelona, especializado en distribución para comercio electrónico.",
    ),
    (
        "sol-de-ponent",
        "Sol de Ponent Energia",
        "ES",
        "Lleida",
        "medium",
        ["renewable-energy", "energy-storage"],
        "ca",
        "Promotora i instal·ladora de plantes fotovoltaiques i d'autoconsum industrial a les comarques de Ponent.",
    ),
    (
        "xarxa-verda-recarrega",
        "Xarxa Verda Recàrrega",
        "ES",
        "Girona",
        "small",
        ["ev-charging"],
        "ca",
        "Operador de punts de recàrrega per a vehicles elèctrics en municipis i aparcaments de les comarques gironines.",
    ),
    (
        "valles-components",
        "Vallès Components d'Automoció",
        "ES",
        "Sabadell",
        "medium",
        ["connected-vehicles", "automotive-sensors", "smart-manufacturing"],
        "ca",
        "Proveïdor de components electrònics i cablejat per al sector de l'automoció.",
    ),
    (
        "mercat-obert-digital",
        "Mercat Obert Digital",
        "ES",
        "Barcelona",
        "small",
        ["cross-border-ecommerce"],
        "ca",
        "Plataforma de venda en línia de productes gastronòmics i de disseny catalans per a mercats internacionals.",
    ),
    (
        "mosaic-dades",
        "Mosaic Dades",
        "ES",
        "Barcelona",
        "small",
        ["data-services", "ai-large-models"],
        "ca",
        "Consultora de dades i intel·ligència artificial per a empreses industrials i de serveis.",
    ),
    (
        "llengua-viva-ia",
        "Llengua Viva IA",
        "ES",
        "Barcelona",
        "micro",
        ["speech-language", "ai-large-models"],
        "ca",
        "Empresa emergent de tecnologies de la parla i traducció automàtica centrada en el català i el castellà.",
    ),
    (
        "tramuntana-telecom",
        "Tramuntana Telecom Serveis",
        "ES",
        "Girona",
        "small",
        ["value-added-telecom", "iot-connectivity"],
        "ca",
        "Operador de serveis de telecomunicacions de valor afegit i connectivitat IoT per a empreses i ajuntaments.",
    ),
    (
        "salut-connectada",
        "Salut Connectada Sistemes",
        "ES",
        "Barcelona",
        "small",
        ["health-tech"],
        "ca",
        "Desenvolupa solucions de telemonitoratge de pacients crònics per a centres d'atenció primària.",
    ),
    (
        "vinya-smart-agro",
        "Vinya Smart Agro",
        "ES",
        "Vilafranca del Penedès",
        "micro",
        ["agritech", "iot-connectivity"],
        "ca",
        "Sensors i serveis de viticultura de precisió per a cellers del Penedès.",
    ),
    (
        "costa-brava-turisme-digital",
        "Costa Brava Turisme Digital",
        "ES",
        "Girona",
        "small",
        ["smart-tourism", "digital-marketing"],
        "ca",
        "Agència de màrqueting turístic digital per a hotels i destinacions de la Costa Brava.",
    ),
    (
        "fabrica-bessona",
        "Fàbrica Bessona Enginyeria",
        "ES",
        "Terrassa",
        "small",
        ["digital-twin", "industrial-internet"],
        "ca",
        "Enginyeria especialitzada en bessons digitals de línies de producció i simulació de plantes.",
    ),
    (
        "eixample-ciberseguretat",
        "Eixample Ciberseguretat",
        "ES",
        "Barcelona",
        "small",
        ["cybersecurity"],
        "ca",
        "Serveis de ciberseguretat gestionada i adequació a la normativa NIS2 per a pimes.",
    ),
    (
        "delta-fred-logistica",
        "Delta Fred Logística",
        "ES",
        "Tarragona",
        "medium",
        ["cold-chain", "smart-logistics"],
        "es",
        "Operador de logística a temperatura controlada para alimentación y farmacia en el corredor mediterráneo.",
    ),
    (
        "poblenou-mobility-lab",
        "Poblenou Mobility Lab",
        "ES",
        "Barcelona",
        "small",
        ["smart-mobility", "autonomous-driving"],
        "en",
        "Urban mobility start-up testing shared autonomous shuttles and micromobility data services in Barcelona.",
    ),
    (
        "edificis-eficients",
        "Edificis Eficients Mediterranis",
        "ES",
        "Barcelona",
        "medium",
        ["smart-buildings", "smart-energy"],
        "ca",
        "Empresa de serveis energètics (ESE) que rehabilita i gestiona l'energia d'edificis terciaris.",
    ),
    (
        "reus-packaging-digital",
        "Reus Envasos Intel·ligents",
        "ES",
        "Reus",
        "small",
        ["smart-manufacturing", "iot-connectivity"],
        "ca",
        "Fabricant d'envasos per a alimentació que incorpora etiquetatge intel·ligent i traçabilitat.",
    ),
    (
        "transportes-ebro",
        "Transportes Ebro Autónomos",
        "ES",
        "Zaragoza",
        "large",
        ["smart-logistics", "autonomous-driving"],
        "es",
        "Empresa de transporte por carretera y plataforma logística en Zaragoza, con flota propia de camiones.",
    ),
    (
        "meseta-solar",
        "Meseta Solar Almacenamiento",
        "ES",
        "Madrid",
        "medium",
        ["renewable-energy", "energy-storage"],
        "es",
        "Desarrolladora de proyectos fotovoltaicos con almacenamiento en baterías en Castilla-La Mancha y Madrid.",
    ),
    (
        "levante-moda-online",
        "Levante Moda Online",
        "ES",
        "Valencia",
        "medium",
        ["cross-border-ecommerce", "digital-marketing"],
        "es",
        "Marca de moda y calzado con venta online en España, Francia e Italia.",
    ),
    (
        "puerto-sur-cargas",
        "Puerto Sur Cargas",
        "ES",
        "Algeciras",
        "medium",
        ["port-logistics"],
        "es",
        "Consignataria y terminal de mercancía general en el puerto de Algeciras.",
    ),
    (
        "castilla-agrodatos",
        "Castilla Agrodatos",
        "ES",
        "Valladolid",
        "small",
        ["agritech", "data-services"],
        "es",
        "Servicios de datos agronómicos y agricultura de precisión para cooperativas de cereal.",
    ),
    (
        "iberica-electronica-retail",
        "Ibérica Electrónica Retail",
        "ES",
        "Madrid",
        "large",
        ["consumer-electronics", "cross-border-ecommerce"],
        "es",
        "Cadena de tiendas y comercio online de electrónica de consumo en España y Portugal.",
    ),
    (
        "cantabrico-redes",
        "Cantábrico Redes Industriales",
        "ES",
        "Bilbao",
        "medium",
        ["industrial-internet", "5g-networks"],
        "es",
        "Integrador de redes industriales y 5G privado para plantas siderúrgicas y de automoción.",
    ),
    (
        "aula-abierta-edtech",
        "Aula Abierta Edtech",
        "ES",
        "Madrid",
        "small",
        ["edtech"],
        "es",
        "Plataforma de formación profesional online para empresas y centros educativos.",
    ),
    (
        "malaga-drones",
        "Málaga Drones Servicios",
        "ES",
        "Málaga",
        "micro",
        ["drones"],
        "es",
        "Servicios de inspección con drones para infraestructuras, placas solares y agricultura.",
    ),
    (
        "hispana-pagos",
        "Hispana Pagos Digitales",
        "ES",
        "Madrid",
        "small",
        ["digital-payments", "fintech"],
        "es",
        "Entidad de pago que ofrece TPV virtual y pagos con código QR para comercios.",
    ),
    (
        "neckar-fleet",
        "Neckar Fleet Systems GmbH",
        "DE",
        "Stuttgart",
        "medium",
        ["connected-vehicles", "smart-logistics"],
        "en",
        "Telematics and fleet-management software for commercial vehicle fleets in Germany and Austria.",
    ),
    (
        "elbe-speicherwerk",
        "Elbe Speicherwerk GmbH",
        "DE",
        "Hamburg",
        "medium",
        ["energy-storage", "smart-grid"],
        "en",
        "Develops and operates grid-scale battery storage projects in northern Germany.",
    ),
    (
        "isar-maschinendaten",
        "Isar Maschinendaten GmbH",
        "DE",
        "Munich",
        "small",
        ["industrial-internet", "digital-twin"],
        "en",
        "Machine-data acquisition and OEE analytics for German machine builders.",
    ),
    (
        "rhone-mobilite",
        "Rhône Mobilité Autonome SAS",
        "FR",
        "Lyon",
        "small",
        ["autonomous-driving", "smart-mobility"],
        "en",
        "Operates autonomous shuttle pilots for municipalities and business parks in the Lyon area.",
    ),
    (
        "garonne-spatial",
        "Atelier Spatial Garonne",
        "FR",
        "Toulouse",
        "small",
        ["space-tech", "satellite-communications"],
        "en",
        "Ground-segment software and satellite data services for agriculture and insurers.",
    ),
    (
        "lombardia-robotica",
        "Lombardia Robotica Srl",
        "IT",
        "Milan",
        "medium",
        ["robotics", "smart-manufacturing"],
        "en",
        "System integrator for robotic cells in food, packaging and pharmaceutical plants.",
    ),
    (
        "adriatica-freddo",
        "Adriatica Freddo Logistica",
        "IT",
        "Bologna",
        "medium",
        ["cold-chain"],
        "en",
        "Temperature-controlled warehousing and distribution for fresh food in northern Italy.",
    ),
    (
        "polder-charge",
        "Polder Charge B.V.",
        "NL",
        "Eindhoven",
        "small",
        ["ev-charging", "smart-grid"],
        "en",
        "Smart-charging software and load balancing for office car parks and fleets.",
    ),
    (
        "maasport-data",
        "Maasport Data B.V.",
        "NL",
        "Rotterdam",
        "medium",
        ["port-logistics", "data-services"],
        "en",
        "Port-call optimisation and container ETA prediction services for terminals and shipping agents.",
    ),
    (
        "atlantico-cloud",
        "Atlântico Cloud Lda",
        "PT",
        "Lisbon",
        "small",
        ["cloud-computing", "data-centres"],
        "en",
        "Regional cloud and colocation provider serving Portuguese and Spanish SMEs.",
    ),
    (
        "wisla-commerce",
        "Wisła Commerce Sp. z o.o.",
        "PL",
        "Warsaw",
        "medium",
        ["cross-border-ecommerce", "smart-logistics"],
        "en",
        "E-commerce fulfilment and returns hub serving marketplaces in Central and Eastern Europe.",
    ),
    (
        "fenland-grid",
        "Fenland Grid Analytics Ltd",
        "GB",
        "Cambridge",
        "small",
        ["smart-grid", "ai-large-models"],
        "en",
        "Machine-learning forecasting of renewable generation and grid congestion.",
    ),
    (
        "kattegat-iot",
        "Kattegat IoT AB",
        "SE",
        "Gothenburg",
        "small",
        ["iot-connectivity", "value-added-telecom"],
        "en",
        "Managed IoT connectivity and eSIM services for industrial equipment makers.",
    ),
    (
        "liffey-language",
        "Liffey Language Systems Ltd",
        "IE",
        "Dublin",
        "small",
        ["speech-language", "digital-content"],
        "en",
        "Localisation engineering and speech data services for software and games publishers.",
    ),
    (
        "donau-carbon",
        "Donau Carbon Tracking GmbH",
        "AT",
        "Vienna",
        "micro",
        ["green-tech"],
        "en",
        "Carbon-accounting advisory for exporters preparing CBAM and CSRD reports.",
    ),
]

# Invented service providers: key, name, names, country, city, language, description, sectors
_SERVICE_PROVIDERS = [
    (
        "rambla-lex",
        "Rambla Lex Advocats",
        {"es": "Rambla Lex Abogados", "zh-hans": "兰布拉律师事务所"},
        "ES",
        "Barcelona",
        "ca",
        "Despatx d'advocats especialitzat en dret mercantil, establiment d'empreses estrangeres i protecció de dades.",
        ["enterprise-software"],
    ),
    (
        "pont-fiscal",
        "Pont Fiscal Assessors",
        {"es": "Puente Fiscal Asesores", "zh-hans": "桥梁税务咨询"},
        "ES",
        "Barcelona",
        "es",
        "Asesoría fiscal y contable para empresas extranjeras que se implantan en España: constitución, IVA, nóminas y precios de transferencia.",
        ["fintech"],
    ),
    (
        "babel-bridge-localisation",
        "Babel Bridge Localisation",
        {
            "zh-hans": "巴别桥本地化",
            "es": "Babel Bridge Localización",
            "ca": "Babel Bridge Localització",
        },
        "ES",
        "Barcelona",
        "en",
        "Localisation agency translating software, marketing and legal content between Chinese, English, Spanish and Catalan.",
        ["speech-language", "digital-marketing"],
    ),
    (
        "poblenou-hub",
        "Poblenou Hub Coworking",
        {"es": "Poblenou Hub Coworking"},
        "ES",
        "Barcelona",
        "ca",
        "Espai de coworking al districte 22@ amb oficines flexibles i domiciliació per a empreses que arriben a Barcelona.",
        ["enterprise-software"],
    ),
    (
        "jinqiao-legal",
        "Jinqiao Outbound Legal Services",
        {"zh-hans": "金桥出海法律服务"},
        "CN",
        "Beijing",
        "zh-hans",
        "为出海企业提供海外投资、数据合规和知识产权法律服务。",
        ["enterprise-software", "cybersecurity"],
    ),
    (
        "yuanhang-compliance",
        "Yuanhang Compliance Advisory",
        {"zh-hans": "远航合规咨询"},
        "CN",
        "Beijing",
        "zh-hans",
        "提供欧盟市场准入、CE认证和税务合规咨询服务。",
        ["enterprise-software"],
    ),
]

_COUNTRY_LANGS = {
    "DE": ["de", "en"],
    "FR": ["fr", "en"],
    "IT": ["it", "en"],
    "NL": ["nl", "en"],
    "PT": ["pt", "en"],
    "PL": ["pl", "en"],
    "GB": ["en"],
    "IE": ["en"],
    "SE": ["sv", "en"],
    "AT": ["de", "en"],
}


def _build_invented_orgs():
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    orgs = []
    for key, name, zh, city, size, sectors, lang, desc in _CN_ENTERPRISES:
        orgs.append(
            _org(
                key,
                name,
                {"zh-hans": zh},
                "enterprise",
                "CN",
                city,
                desc,
                lang,
                sectors,
                size,
                ["zh-hans", "en"],
                website=f"https://{key}.example.org",
                verified=rng.random() > 0.15,
            )
        )
    for key, name, cc, city, size, sectors, lang, desc in _EU_ENTERPRISES:
        if cc == "ES":
            langs = ["ca", "es", "en"] if city in CATALAN_CITIES else ["es", "en"]
        else:
            langs = _COUNTRY_LANGS[cc]
        orgs.append(
            _org(
                key,
                name,
                {},
                "enterprise",
                cc,
                city,
                desc,
                lang,
                sectors,
                size,
                langs,
                website=f"https://{key}.example.org",
                verified=rng.random() > 0.15,
            )
        )
    for key, name, names, cc, city, lang, desc, sectors in _SERVICE_PROVIDERS:
        langs = ["zh-hans", "en"] if cc == "CN" else ["ca", "es", "en"]
        if key == "babel-bridge-localisation":
            langs = ["en", "zh-hans", "es", "ca"]
        orgs.append(
            _org(
                key,
                name,
                names,
                "service_provider",
                cc,
                city,
                desc,
                lang,
                sectors,
                "small",
                langs,
                website=f"https://{key}.example.org",
            )
        )
    return orgs


def build_organisations():
    return [dict(o) for o in _REAL_ORGS] + [dict(o) for o in _CITY_ORGS] + _build_invented_orgs()


ORGANISATIONS = build_organisations()
ORG_BY_KEY = {o["key"]: o for o in ORGANISATIONS}
CITY_KEYS = [o["key"] for o in ORGANISATIONS if o["type"] == "city"]

# ---------------------------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------------------------

_BEIJING_NIGHT_INVENTED = [
    "qingluan-energy",
    "beichen-charging",
    "zhixing-autopilot",
    "hangyun-robotics",
    "tuoyun-trucks",
    "jinbo-crossborder",
    "mingshu-ai",
    "shuyan-translate",
    "tianlu-telecom",
    "lanyu-cloud",
    "tanzhi-carbon",
    "lingque-drones",
    "almacenes-llobregat",
    "portlogic-mediterrania",
    "sol-de-ponent",
    "mercat-obert-digital",
    "poblenou-mobility-lab",
    "transportes-ebro",
]

_BARCELONA_RESIDENTS = [
    "qingluan-energy",
    "hangyun-robotics",
    "jinbo-crossborder",
    "mingshu-ai",
    "shuyan-translate",
    "yuanqiao-pay",
    "hengzhang-saas",
    "tanzhi-carbon",
    "dianzhi-devices",
    "youlan-tourism",
]


def build_networks():
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    cities_members = [("beijing-economy-it-bureau", "coordinator", "2023-07-05")]
    for i, key in enumerate(CITY_KEYS):
        if key in ("city-beijing", "city-barcelona"):
            cities_members.append((key, "founder", "2023-07-05"))
        else:
            month = 7 + (i % 6)
            day = 1 + rng.randrange(27)
            year = 2023 if i < 16 else 2024
            cities_members.append((key, "member", f"{year}-{month:02d}-{day:02d}"))
    cities_members.append(("caict", "observer", "2023-09-12"))

    assoc_members = [
        ("china-europe-digital-association", "coordinator", "2022-11-15"),
        ("barcelona-chamber-of-commerce", "founder", "2022-11-15"),
        ("catalonia-beijing-association", "founder", "2022-11-15"),
        ("catalonia-sme-association", "member", "2023-02-20"),
        ("gsma-greater-china", "member", "2023-06-28"),
        ("beijing-overseas-service-base", "member", "2024-03-01"),
        ("service-base-barcelona", "member", "2024-03-01"),
        ("catalonia-trade-investment", "observer", "2023-04-18"),
        ("barcelona-economic-promotion", "observer", "2023-04-18"),
    ]

    night = [("beijing-overseas-service-base", "coordinator", "2024-12-10")]
    night.append(("service-base-barcelona", "coordinator", "2024-12-10"))
    for key in ["huawei", "yonyou", "isoftstone", "china-telecom", "zte", "seat", "faurecia"]:
        night.append((key, "member", "2025-01-15"))
    for key in ["stefani-international-exchange", "roca", "babylan"]:
        night.append((key, "member", "2025-01-22"))
    for i, key in enumerate(_BEIJING_NIGHT_INVENTED):
        night.append((key, "member", f"2025-02-{3 + i:02d}"))

    residents = [("service-base-barcelona", "coordinator", "2024-03-01")]
    for i, key in enumerate(_BARCELONA_RESIDENTS):
        residents.append((key, "member", f"2024-{4 + i % 9:02d}-{10 + i:02d}"))
    residents.append(("poblenou-hub", "observer", "2024-03-01"))
    residents.append(("rambla-lex", "observer", "2024-05-06"))

    return [
        {
            "key": "partner-cities-initiative",
            "name": "Global Digital Economy Partner Cities Cooperation Initiative",
            "description": "Network of cities cooperating on the digital economy, coordinated by the Beijing Municipal Bureau of Economy and Information Technology. Members share pilot projects, open calls and delegations.",
            "members": cities_members,
        },
        {
            "key": "china-europe-business-associations",
            "name": "China–Europe Digital Business Associations Network",
            "description": "Chambers of commerce and business associations from China and Europe that exchange trade missions, member requests and event invitations.",
            "members": assoc_members,
        },
        {
            "key": "beijing-night-2025",
            "name": "Beijing Night 2025 – Exhibitors and Participants",
            "description": "Enterprises taking part in the Beijing Night enterprise exchange of 4 March 2025 in Barcelona. Opportunities shared with this group are visible to all participants.",
            "members": night,
        },
        {
            "key": "barcelona-centre-residents",
            "name": "Barcelona Centre Resident Enterprises",
            "description": "Beijing enterprises hosted by the European centre in Barcelona, with the centre's partner service providers.",
            "members": residents,
        },
    ]


NETWORKS = build_networks()

# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------

# culture: (male first names, female first names, surnames)
_NAMES = {
    "zh": (
        [
            "Wei",
            "Lei",
            "Jun",
            "Yong",
            "Tao",
            "Ming",
            "Chao",
            "Haoran",
            "Zhiqiang",
            "Jianguo",
            "Peng",
            "Kai",
            "Rui",
            "Hao",
            "Bo",
            "Xiaodong",
            "Yifan",
            "Zhen",
        ],
        [
            "Fang",
            "Na",
            "Min",
            "Jing",
            "Yan",
            "Xiuying",
            "Lina",
            "Jiahui",
            "Yutong",
            "Zihan",
            "Ting",
            "Xin",
            "Yue",
            "Qian",
            "Hui",
            "Shu",
            "Mengyao",
            "Xiaoli",
        ],
        [
            "Wang",
            "Li",
            "Zhang",
            "Liu",
            "Chen",
            "Yang",
            "Zhao",
            "Huang",
            "Zhou",
            "Wu",
            "Xu",
            "Sun",
            "Hu",
            "Zhu",
            "Gao",
            "Lin",
            "He",
            "Guo",
            "Ma",
            "Luo",
            "Liang",
            "Song",
            "Zheng",
            "Xie",
            "Han",
            "Tang",
            "Feng",
            "Dong",
            "Xiao",
            "Cao",
            "Yuan",
            "Deng",
            "Shen",
            "Peng",
            "Jiang",
            "Cai",
        ],
    ),
    "ca": (
        [
            "Jordi",
            "Pere",
            "Marc",
            "Oriol",
            "Arnau",
            "Joan",
            "Xavier",
            "Pau",
            "Albert",
            "Sergi",
            "Guillem",
            "Ferran",
            "Quim",
            "Roger",
        ],
        [
            "Montserrat",
            "Núria",
            "Laia",
            "Mireia",
            "Berta",
            "Anna",
            "Gemma",
            "Roser",
            "Carme",
            "Meritxell",
            "Eulàlia",
            "Queralt",
            "Aina",
            "Ariadna",
        ],
        [
            "Puig",
            "Ferrer",
            "Vila",
            "Soler",
            "Serra",
            "Casals",
            "Font",
            "Pujol",
            "Camps",
            "Bosch",
            "Riera",
            "Vidal",
            "Sala",
            "Mas",
            "Prat",
            "Oliveras",
            "Torrent",
            "Gispert",
            "Batlle",
            "Comas",
            "Coll",
            "Sabaté",
            "Figueras",
            "Vallès",
        ],
    ),
    "es": (
        [
            "Carlos",
            "Javier",
            "Alejandro",
            "Pablo",
            "Sergio",
            "Diego",
            "Álvaro",
            "Raúl",
            "Fernando",
            "Andrés",
            "Ignacio",
            "Manuel",
            "Rubén",
            "Miguel",
        ],
        [
            "Lucía",
            "María",
            "Carmen",
            "Elena",
            "Laura",
            "Isabel",
            "Marta",
            "Beatriz",
            "Cristina",
            "Rocío",
            "Pilar",
            "Nerea",
            "Paula",
            "Inmaculada",
        ],
        [
            "García",
            "Martínez",
            "López",
            "Sánchez",
            "González",
            "Rodríguez",
            "Fernández",
            "Pérez",
            "Gómez",
            "Díaz",
            "Moreno",
            "Álvarez",
            "Romero",
            "Navarro",
            "Torres",
            "Domínguez",
            "Ruiz",
            "Herrera",
            "Castillo",
            "Ortega",
            "Molina",
            "Iglesias",
        ],
    ),
    "de": (
        ["Lukas", "Jonas", "Felix", "Matthias", "Tobias", "Stefan", "Florian", "Andreas"],
        ["Anna", "Katharina", "Julia", "Sabine", "Miriam", "Lena", "Franziska", "Claudia"],
        [
            "Müller",
            "Schmidt",
            "Fischer",
            "Weber",
            "Becker",
            "Wagner",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Richter",
            "Krüger",
            "Hartmann",
        ],
    ),
    "fr": (
        ["Julien", "Mathieu", "Antoine", "Nicolas", "Thomas", "Hugo", "Olivier", "Benoît"],
        ["Camille", "Claire", "Sophie", "Élise", "Léa", "Manon", "Céline", "Hélène"],
        [
            "Martin",
            "Bernard",
            "Dubois",
            "Moreau",
            "Laurent",
            "Lefèvre",
            "Girard",
            "Fournier",
            "Rousseau",
            "Mercier",
        ],
    ),
    "it": (
        ["Marco", "Luca", "Alessandro", "Matteo", "Davide", "Giorgio", "Stefano"],
        ["Giulia", "Francesca", "Chiara", "Elena", "Sara", "Valentina", "Federica"],
        [
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
        ],
    ),
    "nl": (
        ["Daan", "Bram", "Joris", "Thijs", "Ruben", "Sander"],
        ["Sanne", "Lotte", "Femke", "Eva", "Anouk", "Marloes"],
        ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"],
    ),
    "pt": (
        ["João", "Tiago", "Rui", "Miguel", "Pedro", "Nuno"],
        ["Inês", "Beatriz", "Catarina", "Sofia", "Mariana", "Joana"],
        ["Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira", "Rodrigues", "Martins"],
    ),
    "pl": (
        ["Piotr", "Tomasz", "Michał", "Paweł", "Krzysztof", "Marcin"],
        ["Anna", "Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Monika"],
        ["Nowak", "Wójcik", "Kowalczyk", "Kaczmarek", "Mazur", "Krawczyk", "Zając", "Król"],
    ),
    "en": (
        ["Oliver", "James", "Harry", "Thomas", "Ciarán", "Daniel", "Patrick", "Samuel"],
        ["Emma", "Sophie", "Charlotte", "Hannah", "Aoife", "Grace", "Niamh", "Eleanor"],
        [
            "Smith",
            "Taylor",
            "Brown",
            "Wilson",
            "Evans",
            "Walsh",
            "Murphy",
            "Clarke",
            "Byrne",
            "Hughes",
        ],
    ),
    "sv": (
        ["Erik", "Johan", "Lars", "Oskar", "Henrik", "Magnus"],
        ["Astrid", "Elin", "Karin", "Maja", "Sofia", "Ingrid"],
        ["Andersson", "Johansson", "Karlsson", "Nilsson", "Lindqvist", "Berg", "Holm", "Ekström"],
    ),
}

_PERSON_LANGS = {
    "zh": ["zh-hans", "en"],
    "ca": ["ca", "es", "en"],
    "es": ["es", "en"],
    "de": ["de", "en"],
    "fr": ["fr", "en"],
    "it": ["it", "en"],
    "nl": ["nl", "en"],
    "pt": ["pt", "en"],
    "pl": ["pl", "en"],
    "en": ["en"],
    "sv": ["sv", "en"],
}

_COUNTRY_CULTURE = {
    "CN": "zh",
    "DE": "de",
    "AT": "de",
    "FR": "fr",
    "BE": "fr",
    "IT": "it",
    "NL": "nl",
    "PT": "pt",
    "PL": "pl",
    "GB": "en",
    "IE": "en",
    "SE": "sv",
}

_PHONE_PREFIX = {
    "CN": "+86 139 0000 ",
    "ES": "+34 600 000 ",
    "DE": "+49 151 0000 ",
    "AT": "+43 660 000 ",
    "FR": "+33 6 00 00 ",
    "BE": "+32 470 00 ",
    "IT": "+39 320 000 ",
    "NL": "+31 6 0000 ",
    "PT": "+351 910 000 ",
    "PL": "+48 500 000 ",
    "GB": "+44 7700 900",
    "IE": "+353 85 000 ",
    "SE": "+46 70 000 ",
}

# Executive titles (male, female) by title language; first entry is the top executive.
_EXEC_TITLES = {
    "zh-hans": [
        ("总经理", "总经理"),
        ("首席执行官", "首席执行官"),
        ("海外业务总监", "海外业务总监"),
        ("首席技术官", "首席技术官"),
        ("国际业务副总裁", "国际业务副总裁"),
        ("欧洲区总经理", "欧洲区总经理"),
        ("战略合作总监", "战略合作总监"),
    ],
    "en": [
        ("CEO", "CEO"),
        ("Managing Director", "Managing Director"),
        ("Head of International Business", "Head of International Business"),
        ("CTO", "CTO"),
        ("Chief Commercial Officer", "Chief Commercial Officer"),
        ("COO", "COO"),
        ("General Manager Europe", "General Manager Europe"),
    ],
    "es": [
        ("Consejero delegado", "Consejera delegada"),
        ("Director general", "Directora general"),
        ("Director de negocio internacional", "Directora de negocio internacional"),
        ("Director de tecnología", "Directora de tecnología"),
        ("Director de operaciones", "Directora de operaciones"),
        ("Director comercial", "Directora comercial"),
    ],
    "ca": [
        ("Conseller delegat", "Consellera delegada"),
        ("Director general", "Directora general"),
        ("Director d'internacionalització", "Directora d'internacionalització"),
        ("Director de tecnologia", "Directora de tecnologia"),
        ("Director d'operacions", "Directora d'operacions"),
        ("Director comercial", "Directora comercial"),
    ],
}
_TOP_TITLE_LOCAL = {
    "de": ("Geschäftsführer", "Geschäftsführerin"),
    "fr": ("Directeur général", "Directrice générale"),
    "it": ("Amministratore delegato", "Amministratrice delegata"),
    "nl": ("Algemeen directeur", "Algemeen directeur"),
    "pt": ("Diretor-geral", "Diretora-geral"),
    "pl": ("Prezes zarządu", "Prezes zarządu"),
    "sv": ("Verkställande direktör", "Verkställande direktör"),
}
_STAFF_TITLES = {
    "zh-hans": [
        ("海外市场经理", "海外市场经理"),
        ("商务拓展经理", "商务拓展经理"),
        ("解决方案经理", "解决方案经理"),
    ],
    "en": [
        ("Business Development Manager", "Business Development Manager"),
        ("Partnerships Manager", "Partnerships Manager"),
        ("Solutions Engineer", "Solutions Engineer"),
    ],
    "es": [
        ("Responsable de desarrollo de negocio", "Responsable de desarrollo de negocio"),
        ("Jefe de proyecto internacional", "Jefa de proyecto internacional"),
        ("Ingeniero de soluciones", "Ingeniera de soluciones"),
    ],
    "ca": [
        ("Responsable de desenvolupament de negoci", "Responsable de desenvolupament de negoci"),
        ("Cap de projectes internacionals", "Cap de projectes internacionals"),
        ("Enginyer de solucions", "Enginyera de solucions"),
    ],
}

# Contacts at institutions and service providers: org key, title language, (male, female) titles
_INSTITUTION_CONTACTS = [
    (
        "beijing-economy-it-bureau",
        [("国际合作项目主管", "国际合作项目主管"), ("产业促进专员", "产业促进专员")],
    ),
    (
        "beijing-overseas-service-base",
        [("基地运营主任", "基地运营主任"), ("企业服务经理", "企业服务经理")],
    ),
    (
        "service-base-barcelona",
        [
            ("Director of the European Centre", "Director of the European Centre"),
            ("Operations Manager", "Operations Manager"),
            ("Enterprise Liaison Officer", "Enterprise Liaison Officer"),
        ],
    ),
    (
        "catalonia-trade-investment",
        [("Tècnic d'internacionalització – Àsia", "Tècnica d'internacionalització – Àsia")],
    ),
    (
        "barcelona-economic-promotion",
        [
            (
                "Tècnic de promoció econòmica internacional",
                "Tècnica de promoció econòmica internacional",
            )
        ],
    ),
    ("china-europe-digital-association", [("Programme Manager", "Programme Manager")]),
    ("gsma-greater-china", [("Industry Engagement Manager", "Industry Engagement Manager")]),
    (
        "barcelona-chamber-of-commerce",
        [
            ("Responsable de l'àrea Àsia-Pacífic", "Responsable de l'àrea Àsia-Pacífic"),
            ("Tècnic de comerç internacional", "Tècnica de comerç internacional"),
        ],
    ),
    (
        "catalonia-sme-association",
        [("Tècnic d'internacionalització", "Tècnica d'internacionalització")],
    ),
    ("catalonia-beijing-association", [("Coordinador de projectes", "Coordinadora de projectes")]),
    ("caict", [("高级研究员", "高级研究员")]),
    ("rambla-lex", [("Soci", "Sòcia")]),
    ("pont-fiscal", [("Socio director", "Socia directora")]),
    (
        "babel-bridge-localisation",
        [("Head of Chinese Localisation", "Head of Chinese Localisation")],
    ),
    ("poblenou-hub", [("Gerent", "Gerent")]),
    ("jinqiao-legal", [("合伙人律师", "合伙人律师")]),
    ("yuanhang-compliance", [("高级顾问", "高级顾问")]),
]
# People working at the Barcelona centre are bilingual staff of Chinese and Catalan origin.
_INSTITUTION_CULTURE_OVERRIDE = {
    ("service-base-barcelona", 0): "zh",
    ("service-base-barcelona", 1): "ca",
    ("service-base-barcelona", 2): "zh",
    ("babel-bridge-localisation", 0): "zh",
}


def _ascii_slug(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ł", "l").replace("Ł", "L").replace("'", "")
    return "-".join(text.lower().split())


def _title_language(org):
    if org["country"] == "CN":
        return "zh-hans" if org["description_language"] == "zh-hans" else "en"
    if org["country"] == "ES":
        return org["description_language"]
    return "en"


def _culture_for(org, rng):
    if org["country"] == "ES":
        if org["city"] in CATALAN_CITIES:
            return "ca" if rng.random() < 0.65 else "es"
        return "es"
    return _COUNTRY_CULTURE.get(org["country"], "en")


def build_people():
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    people = []
    used_names = set()
    used_emails = set()
    phone_counter = [0]

    def make(org, culture, titles_mf, is_exec):
        males, females, surnames = _NAMES[culture]
        while True:
            female = rng.random() < 0.45
            first = rng.choice(females if female else males)
            last = rng.choice(surnames)
            if culture in ("es",) and rng.random() < 0.5:
                last = f"{last} {rng.choice(surnames)}"
            if (first, last) not in used_names and first not in last:
                break
        used_names.add((first, last))
        base = f"{_ascii_slug(first)}.{_ascii_slug(last.split(' ')[0])}@{org['key']}.example"
        email = base
        n = 2
        while email in used_emails:
            email = base.replace("@", f"{n}@")
            n += 1
        used_emails.add(email)
        langs = list(_PERSON_LANGS[culture])
        if culture == "zh" and org["country"] == "ES":
            langs.append("es")
        elif culture == "zh" and rng.random() < 0.08:
            langs.append("es")
        elif culture != "zh" and rng.random() < 0.1:
            langs.append("zh-hans")
        phone_counter[0] += 1
        prefix = _PHONE_PREFIX.get(org["country"], "+34 600 000 ")
        digits = 4 if org["country"] == "CN" else 3
        phone = f"{prefix}{phone_counter[0] % 10**digits:0{digits}d}"
        people.append(
            {
                "first_name": first,
                "last_name": last,
                "title": titles_mf[1] if female else titles_mf[0],
                "org": org["key"],
                "languages": langs,
                "email": email,
                "phone": phone,
                "is_executive": is_exec,
            }
        )

    invented = [o for o in _build_invented_orgs() if o["type"] == "enterprise"]
    for i, org in enumerate(invented):
        tlang = _title_language(org)
        culture = _culture_for(org, rng)
        exec_titles = _EXEC_TITLES[tlang]
        top = exec_titles[0]
        if tlang == "en" and culture in _TOP_TITLE_LOCAL and rng.random() < 0.6:
            top = _TOP_TITLE_LOCAL[culture]
        make(org, culture, top, True)
        second = exec_titles[2 + (i % (len(exec_titles) - 2))]
        make(org, _culture_for(org, rng), second, True)
        if i % 3 == 0:
            make(org, _culture_for(org, rng), _STAFF_TITLES[tlang][(i // 3) % 3], False)
    for key, titles in _INSTITUTION_CONTACTS:
        org = ORG_BY_KEY[key]
        for j, t in enumerate(titles):
            culture = _INSTITUTION_CULTURE_OVERRIDE.get((key, j)) or _culture_for(org, rng)
            make(org, culture, t, False)
    return people


PEOPLE = build_people()


def _person_name(p):
    return f"{p['first_name']} {p['last_name']}"


def _first_person(org_key, index=0):
    return [p for p in PEOPLE if p["org"] == org_key][index]


# ---------------------------------------------------------------------------------------------
# Demo users
# ---------------------------------------------------------------------------------------------


def _user(person, password, role, language):
    return {
        "email": person["email"],
        "password": password,
        "role": role,
        "org": person["org"],
        "first_name": person["first_name"],
        "last_name": person["last_name"],
        "language": language,
    }


def build_demo_users():
    return [
        {
            "email": "admin@digibridge.example",
            "password": "demo-admin-2025",
            "role": "admin",
            "org": None,
            "first_name": "Demo",
            "last_name": "Administrator",
            "language": "en",
        },
        _user(
            _first_person("service-base-barcelona", 0), "demo-operator-2025", "operator", "zh-hans"
        ),
        _user(
            _first_person("service-base-barcelona", 1), "demo-operator-bcn-2025", "operator", "ca"
        ),
        _user(
            _first_person("beijing-overseas-service-base", 0),
            "demo-operator-bj-2025",
            "operator",
            "zh-hans",
        ),
        _user(
            _first_person("hangyun-robotics", 0), "demo-enterprise-cn-2025", "enterprise", "zh-hans"
        ),
        _user(
            _first_person("almacenes-llobregat", 0), "demo-enterprise-es-2025", "enterprise", "es"
        ),
        _user(_first_person("sol-de-ponent", 0), "demo-enterprise-ca-2025", "enterprise", "ca"),
        _user(_first_person("neckar-fleet", 0), "demo-enterprise-de-2025", "enterprise", "en"),
        _user(
            _first_person("barcelona-chamber-of-commerce", 0), "demo-partner-2025", "partner", "ca"
        ),
        _user(
            _first_person("beijing-economy-it-bureau", 0),
            "demo-partner-bj-2025",
            "partner",
            "zh-hans",
        ),
    ]


DEMO_USERS = build_demo_users()

# ---------------------------------------------------------------------------------------------
# Event: International Cooperation Forum, 4 March 2025
# ---------------------------------------------------------------------------------------------

_DAY = "2025-03-04"


def _t(hhmm):
    return f"{_DAY}T{hhmm}:00+01:00"


def _names(*refs):
    """Speaker names from (org key, index) references into PEOPLE."""
    return [_person_name(_first_person(key, idx)) for key, idx in refs]


# Government–enterprise connection activities: (government/partner org, enterprise orgs, theme)
_GOV_ENTERPRISE = [
    (
        "beijing-economy-it-bureau",
        ["qingluan-energy", "sol-de-ponent", "meseta-solar"],
        "Smart energy and storage projects in Catalonia and Beijing",
    ),
    (
        "catalonia-trade-investment",
        ["hangyun-robotics", "almacenes-llobregat", "portlogic-mediterrania"],
        "Landing in Catalonia: warehouse automation and logistics",
    ),
    (
        "barcelona-economic-promotion",
        ["youcheng-urban", "poblenou-mobility-lab", "shijing-vision"],
        "Barcelona smart-city pilots open to Beijing enterprises",
    ),
    (
        "barcelona-chamber-of-commerce",
        ["jinbo-crossborder", "mercat-obert-digital", "levante-moda-online"],
        "Cross-border e-commerce: selling Catalan products in China",
    ),
    (
        "catalonia-sme-association",
        ["hengzhang-saas", "gongxin-industrial", "fabrica-bessona"],
        "Digital tools for Catalan SMEs from Beijing software firms",
    ),
    (
        "catalonia-beijing-association",
        ["youlan-tourism", "costa-brava-turisme-digital", "shuxiang-learning"],
        "Tourism and culture exchange between Catalonia and Beijing",
    ),
    (
        "china-europe-digital-association",
        ["mingshu-ai", "mosaic-dades", "llengua-viva-ia"],
        "AI large models for multilingual European markets",
    ),
    (
        "gsma-greater-china",
        ["tianlu-telecom", "tramuntana-telecom", "kattegat-iot"],
        "Value-added telecom and IoT connectivity after MWC",
    ),
    (
        "caict",
        ["lanyu-cloud", "atlantico-cloud", "shoumen-cyber"],
        "Cloud, data centres and data-security compliance",
    ),
    (
        "beijing-overseas-service-base",
        ["zhixing-autopilot", "rhone-mobilite", "neckar-fleet"],
        "Autonomous driving pilots in European cities",
    ),
    (
        "service-base-barcelona",
        ["tuoyun-trucks", "transportes-ebro", "puerto-sur-cargas"],
        "Autonomous trucking on Spanish logistics corridors",
    ),
    (
        "city-barcelona",
        ["beichen-charging", "xarxa-verda-recarrega", "polder-charge"],
        "Public EV charging in Barcelona and Catalan towns",
    ),
    (
        "city-madrid",
        ["yuanqiao-pay", "hispana-pagos", "wisla-commerce"],
        "Digital payments for cross-border merchants",
    ),
    (
        "city-valencia",
        ["haitong-port", "maasport-data", "puerto-sur-cargas"],
        "Port digitalisation on the Mediterranean",
    ),
    (
        "city-munich",
        ["gongxin-industrial", "isar-maschinendaten", "ruoshui-robotics"],
        "Industrial internet and robotics for machine builders",
    ),
    (
        "city-milan",
        ["lengyuan-coldchain", "adriatica-freddo", "delta-fred-logistica"],
        "Cold-chain traceability for Mediterranean food exports",
    ),
    (
        "city-hamburg",
        ["qingluan-energy", "elbe-speicherwerk", "yuneng-microgrid"],
        "Grid-scale storage and microgrids in port cities",
    ),
    (
        "city-lisbon",
        ["lanyu-cloud", "atlantico-cloud", "manyou-games"],
        "Cloud and digital content between Lisbon and Chengdu",
    ),
    (
        "city-amsterdam",
        ["tanzhi-carbon", "donau-carbon", "fenland-grid"],
        "Carbon accounting and CBAM readiness",
    ),
    (
        "city-shenzhen",
        ["dianzhi-devices", "sanyuan-iot", "iberica-electronica-retail"],
        "Consumer devices and Matter-ready smart home for Iberia",
    ),
    (
        "city-hangzhou",
        ["qiaomai-live", "levante-moda-online", "mercat-obert-digital"],
        "Live commerce for European brands",
    ),
    (
        "city-wuhan",
        ["chelian-v2x", "valles-components", "guangmu-lidar"],
        "Connected vehicles and automotive sensors supply chain",
    ),
    (
        "city-chengdu",
        ["tianmu-agritech", "castilla-agrodatos", "vinya-smart-agro"],
        "Agritech and drones for Spanish cooperatives",
    ),
    (
        "city-xian",
        ["xinghai-satcom", "qiongyu-space", "garonne-spatial"],
        "Satellite services for remote infrastructure",
    ),
]


def build_event():
    sessions = [
        {
            "kind": "forum_talk",
            "title": "Opening of the International Cooperation Forum",
            "start": _t("09:00"),
            "end": _t("09:30"),
            "room": "Auditorium",
            "speakers": _names(
                ("beijing-economy-it-bureau", 0),
                ("catalonia-trade-investment", 0),
                ("barcelona-economic-promotion", 0),
            ),
            "organisations": [
                "beijing-economy-it-bureau",
                "catalonia-trade-investment",
                "barcelona-economic-promotion",
            ],
        },
        {
            "kind": "forum_talk",
            "title": "Global Digital Economy Partner Cities: progress and new members",
            "start": _t("09:30"),
            "end": _t("10:00"),
            "room": "Auditorium",
            "speakers": _names(("beijing-economy-it-bureau", 1)),
            "organisations": ["beijing-economy-it-bureau"] + CITY_KEYS[:6],
        },
        {
            "kind": "forum_talk",
            "title": "The Beijing overseas innovation service base and its Barcelona centre",
            "start": _t("10:00"),
            "end": _t("10:30"),
            "room": "Auditorium",
            "speakers": _names(("beijing-overseas-service-base", 0), ("service-base-barcelona", 0)),
            "organisations": ["beijing-overseas-service-base", "service-base-barcelona"],
        },
        {
            "kind": "panel",
            "title": "AI large models and multilingual services for China–Europe business",
            "start": _t("10:45"),
            "end": _t("11:45"),
            "room": "Auditorium",
            "speakers": _names(
                ("mingshu-ai", 0),
                ("llengua-viva-ia", 0),
                ("shuyan-translate", 0),
                ("china-europe-digital-association", 0),
            ),
            "organisations": [
                "mingshu-ai",
                "llengua-viva-ia",
                "shuyan-translate",
                "china-europe-digital-association",
            ],
        },
        {
            "kind": "panel",
            "title": "Smart energy and e-mobility: Beijing and Catalonia",
            "start": _t("11:45"),
            "end": _t("12:45"),
            "room": "Auditorium",
            "speakers": _names(
                ("qingluan-energy", 0),
                ("sol-de-ponent", 0),
                ("beichen-charging", 1),
                ("elbe-speicherwerk", 0),
            ),
            "organisations": [
                "qingluan-energy",
                "sol-de-ponent",
                "beichen-charging",
                "elbe-speicherwerk",
            ],
        },
        {
            "kind": "signing_ceremony",
            "title": "Signing ceremony: partner-city and institutional cooperation memoranda",
            "start": _t("12:45"),
            "end": _t("13:15"),
            "room": "Auditorium",
            "speakers": _names(
                ("beijing-economy-it-bureau", 0), ("barcelona-chamber-of-commerce", 0)
            ),
            "organisations": [
                "beijing-economy-it-bureau",
                "city-barcelona",
                "barcelona-chamber-of-commerce",
                "catalonia-beijing-association",
            ],
        },
        {
            "kind": "panel",
            "title": "Autonomous driving and smart logistics between China and Spain",
            "start": _t("14:30"),
            "end": _t("15:30"),
            "room": "Auditorium",
            "speakers": _names(
                ("zhixing-autopilot", 0),
                ("hangyun-robotics", 0),
                ("almacenes-llobregat", 0),
                ("transportes-ebro", 1),
            ),
            "organisations": [
                "zhixing-autopilot",
                "hangyun-robotics",
                "almacenes-llobregat",
                "transportes-ebro",
            ],
        },
        {
            "kind": "panel",
            "title": "Cross-border e-commerce: from Hangzhou to the Mediterranean",
            "start": _t("15:30"),
            "end": _t("16:30"),
            "room": "Auditorium",
            "speakers": _names(
                ("jinbo-crossborder", 0), ("mercat-obert-digital", 0), ("yuanqiao-pay", 1)
            ),
            "organisations": ["jinbo-crossborder", "mercat-obert-digital", "yuanqiao-pay"],
        },
        {
            "kind": "panel",
            "title": "Value-added telecom and 5G after the Mobile World Congress",
            "start": _t("16:30"),
            "end": _t("17:30"),
            "room": "Auditorium",
            "speakers": _names(
                ("gsma-greater-china", 0),
                ("tianlu-telecom", 0),
                ("tramuntana-telecom", 0),
                ("caict", 0),
            ),
            "organisations": [
                "gsma-greater-china",
                "tianlu-telecom",
                "tramuntana-telecom",
                "caict",
            ],
        },
        {
            "kind": "signing_ceremony",
            "title": "Signing ceremony: enterprise cooperation agreements",
            "start": _t("17:30"),
            "end": _t("18:00"),
            "room": "Auditorium",
            "speakers": _names(("service-base-barcelona", 0)),
            "organisations": [
                "hangyun-robotics",
                "almacenes-llobregat",
                "qingluan-energy",
                "sol-de-ponent",
                "jinbo-crossborder",
                "mercat-obert-digital",
            ],
        },
        {
            "kind": "forum_talk",
            "title": "Closing remarks and outlook for 2025",
            "start": _t("18:00"),
            "end": _t("18:20"),
            "room": "Auditorium",
            "speakers": _names(
                ("catalonia-beijing-association", 0), ("beijing-overseas-service-base", 1)
            ),
            "organisations": ["catalonia-beijing-association", "beijing-overseas-service-base"],
        },
    ]
    # 24 government–enterprise connection slots: 3 rooms x 8 half-hour slots, 13:15–18:15.
    rooms = ["Room A – Montjuïc", "Room B – Tibidabo", "Room C – Collserola"]
    starts = ["13:15", "13:45", "14:15", "14:45", "15:15", "15:45", "16:15", "16:45", "17:15"]
    for i, (gov, companies, theme) in enumerate(_GOV_ENTERPRISE):
        slot, room = divmod(i, 3)
        host = ORG_BY_KEY[gov]
        speakers = []
        if any(p["org"] == gov for p in PEOPLE):
            speakers.append(_person_name(_first_person(gov)))
        speakers += [_person_name(_first_person(c)) for c in companies]
        sessions.append(
            {
                "kind": "gov_enterprise",
                "title": f"Government–enterprise connection – {theme}",
                "start": _t(starts[slot]),
                "end": _t(starts[slot + 1]),
                "room": rooms[room],
                "speakers": speakers,
                "organisations": [gov, *companies],
                "description": f"Closed-door round table hosted by {host['name']} with selected enterprises; 10 minutes per company, followed by next steps agreed with the host.",
            }
        )
    sessions.append(
        {
            "kind": "networking_night",
            "title": "Beijing Night – enterprise exchange",
            "start": _t("19:00"),
            "end": _t("22:00"),
            "room": "Beijing Night Hall",
            "speakers": _names(("beijing-overseas-service-base", 0), ("service-base-barcelona", 0)),
            "organisations": [m[0] for m in NETWORKS[2]["members"]],
            "description": "Evening reception and enterprise exchange with Beijing and European companies: product showcases, pre-booked one-to-one meetings and informal networking.",
        }
    )
    sessions.sort(key=lambda s: (s["start"], s["room"]))
    return {
        "key": "gdec-2025-barcelona-forum",
        "name": "2025 Global Digital Economy Conference – International Cooperation Forum (Barcelona)",
        "names": {
            "zh-hans": "2025全球数字经济大会国际合作论坛（巴塞罗那）",
            "es": "Conferencia Global de Economía Digital 2025 – Foro de Cooperación Internacional (Barcelona)",
            "ca": "Conferència Global d'Economia Digital 2025 – Fòrum de Cooperació Internacional (Barcelona)",
        },
        "description": "International Cooperation Forum of the 2025 Global Digital Economy Conference, held in Barcelona alongside the Mobile World Congress. Talks, panels and government–enterprise connection sessions during the day, followed by the Beijing Night enterprise exchange.",
        "venue": "Fira de Barcelona – Montjuïc",
        "city": "Barcelona",
        "country": "ES",
        "time_zone": "Europe/Madrid",
        "start": "2025-03-04T09:00:00+01:00",
        "end": "2025-03-04T22:00:00+01:00",
        "hosts": [
            "beijing-economy-it-bureau",
            "beijing-overseas-service-base",
            "service-base-barcelona",
        ],
        "co_organisers": [
            "catalonia-trade-investment",
            "barcelona-economic-promotion",
            "china-europe-digital-association",
            "gsma-greater-china",
        ],
        "sessions": sessions,
    }


EVENT = build_event()

# ---------------------------------------------------------------------------------------------
# Opportunities
# ---------------------------------------------------------------------------------------------
# Each block is a hand-written text with slots; each variant fills the slots with different
# concrete values (site, capacity, volume...) so every title is distinct and every text reads
# naturally. ``topic`` links requests and offers that are meant to match across languages; it is
# not part of the opportunity dict, see COUNTERPART_PAIRS.


def _B(
    lang,
    kind,
    cat,
    sectors,
    owners,
    title,
    desc,
    variants,
    budget=None,
    cur=None,
    countries=None,
    topic=None,
):
    return {
        "lang": lang,
        "kind": kind,
        "cat": cat,
        "sectors": sectors,
        "owners": owners,
        "title": title,
        "desc": desc,
        "variants": variants,
        "budget": budget,
        "cur": cur,
        "countries": countries,
        "topic": topic,
    }


_ZH = [
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["warehouse-automation", "robotics", "autonomous-driving"],
        ["hangyun-robotics"],
        "自动驾驶叉车及车队调度软件（{model}），寻求{market}仓储试点",
        "{model}自动驾驶叉车采用激光SLAM导航，无需改造地面，额定载重{load}，最大举升高度{height}，可与SAP EWM等仓储管理系统（WMS）对接。配套车队调度软件可同时管理{fleet}台以上车辆，自动完成任务分配、避让和充电。希望与{market}的物流运营商开展为期{months}个月的试点，我们提供现场部署以及中文、英文和西班牙语技术支持。",
        [
            {
                "model": "HY-P16平衡重式",
                "load": "1.6吨",
                "height": "4.5米",
                "fleet": 50,
                "market": "西班牙",
                "months": 3,
            },
            {
                "model": "HY-R20前移式",
                "load": "2吨",
                "height": "10米",
                "fleet": 80,
                "market": "加泰罗尼亚",
                "months": 6,
            },
            {
                "model": "HY-S14堆高式",
                "load": "1.4吨",
                "height": "5.6米",
                "fleet": 30,
                "market": "葡萄牙",
                "months": 3,
            },
        ],
        budget=(150000, 900000),
        cur="EUR",
        countries=["ES", "PT"],
        topic="forklift",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["energy-storage", "smart-energy"],
        ["qingluan-energy", "xingyun-pv", "qingluan-energy"],
        "{product}，支持{feature}",
        "{product}采用磷酸铁锂电芯和液冷温控，循环寿命不低于8000次，已取得IEC 62619和CE认证。内置能量管理系统（EMS），支持峰谷套利、需量控制和{feature}。我们正在寻找{market}的安装商或能源服务公司（ESCO）作为区域合作伙伴，可提供首批样机、培训和远程运维。",
        [
            {"product": "215 kWh工商业储能一体柜", "feature": "光伏自发自用", "market": "西班牙"},
            {"product": "100 kWh户外储能柜", "feature": "离网与备电运行", "market": "意大利"},
            {"product": "3.7 MWh集装箱式储能系统", "feature": "电网调频辅助服务", "market": "德国"},
        ],
        countries=["ES", "IT", "DE"],
        topic="storage",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["ev-charging", "smart-energy"],
        ["beichen-charging"],
        "{power}直流快充桩及充电运营平台，寻求{market}运营合作",
        "北辰{power}直流快充桩配备CCS2接口，符合欧盟CE要求，支持OCPP 1.6J和2.0.1协议，可接入第三方运营平台。配套云平台提供远程监控、计费结算和动态负荷管理。计划在{market}首批部署{units}台，寻找停车场运营商、市政部门或能源公司合作，可采用设备销售或收益分成模式。",
        [
            {"power": "60 kW", "market": "西班牙", "units": 20},
            {"power": "120 kW", "market": "加泰罗尼亚", "units": 30},
            {"power": "240 kW分体式", "market": "荷兰", "units": 12},
        ],
        countries=["ES", "NL"],
        topic="charging",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["autonomous-driving", "smart-mobility"],
        ["zhixing-autopilot"],
        "L4级自动驾驶{vehicle}，面向{scene}示范运营",
        "我们的{vehicle}已在国内{scene}场景累计运营{km}公里，采用激光雷达、毫米波雷达和摄像头融合感知，支持远程安全员监控和一键接管。希望与欧洲城市或园区合作开展示范运营，我们提供车辆、运营调度软件和本地团队培训，首期投入{n}台车辆。",
        [
            {"vehicle": "接驳小巴", "scene": "园区和机场", "km": "30万", "n": 3},
            {"vehicle": "无人清扫车", "scene": "城市道路", "km": "12万", "n": 5},
            {"vehicle": "无人配送车", "scene": "大学校园", "km": "50万", "n": 8},
        ],
        countries=["ES", "FR", "DE"],
        topic="shuttle",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["autonomous-driving", "port-logistics", "smart-logistics"],
        ["tuoyun-trucks"],
        "自动驾驶{vehicle}：{scene}解决方案",
        "拓运{vehicle}搭载自研L4级自动驾驶系统，适用于{scene}。系统可与码头操作系统（TOS）或仓储管理系统对接，实现24小时连续作业。可采用车辆租赁加运营服务的方式合作，首期{n}台车辆，试运营{months}个月。",
        [
            {"vehicle": "电动集卡", "scene": "港口集装箱水平运输", "n": 10, "months": 6},
            {"vehicle": "重型牵引车", "scene": "物流园区之间的干线接驳", "n": 5, "months": 3},
            {"vehicle": "短途无人牵引车", "scene": "工厂内部物料转运", "n": 8, "months": 4},
        ],
        countries=["ES", "NL", "IT"],
        topic="autotruck",
    ),
    _B(
        "zh-hans",
        "request",
        "commercial",
        ["cross-border-ecommerce"],
        ["jinbo-crossborder"],
        "寻求{origin}{product}供应商，拓展中国跨境电商渠道",
        "我们在天猫国际、京东国际和抖音电商运营进口食品旗舰店，现计划引进{origin}{product}。供应商需具备出口资质，能够提供原产地证明和中文标签，首批采购额约{btxt}。中国市场的清关、营销和直播推广由我方负责，欢迎品牌方洽谈独家代理。",
        [
            {
                "origin": "西班牙",
                "product": "特级初榨橄榄油和伊比利亚火腿",
                "btxt": "80万元人民币",
                "b": (600000, 1000000),
            },
            {
                "origin": "加泰罗尼亚",
                "product": "卡瓦起泡酒",
                "btxt": "50万元人民币",
                "b": (400000, 600000),
            },
            {
                "origin": "葡萄牙",
                "product": "软木制品和海鲜罐头",
                "btxt": "30万元人民币",
                "b": (200000, 400000),
            },
        ],
        cur="CNY",
        countries=["ES", "PT"],
        topic="catalan-products",
    ),
    _B(
        "zh-hans",
        "request",
        "partnership",
        ["cross-border-ecommerce", "smart-logistics"],
        ["jinbo-crossborder", "qiaomai-live", "jinbo-crossborder"],
        "在{city}寻找海外仓合作伙伴（约{area}平方米）",
        "为缩短欧洲消费者的收货时间，我们计划在{city}周边租用或合作运营约{area}平方米的海外仓，日均订单约{orders}单，以服装和家居小件为主。需要合作方提供入库、贴标、退货处理以及与本地快递的对接服务。希望在{start}前签约。",
        [
            {"city": "巴塞罗那", "area": 3000, "orders": 2000, "start": "2025年第二季度"},
            {"city": "华沙", "area": 5000, "orders": 3500, "start": "2025年6月"},
            {"city": "鹿特丹", "area": 2000, "orders": 1200, "start": "2025年下半年"},
        ],
        budget=(150000, 400000),
        cur="EUR",
        countries=["ES", "PL", "NL"],
        topic="overseas-warehouse",
    ),
    _B(
        "zh-hans",
        "offer",
        "commercial",
        ["digital-marketing", "cross-border-ecommerce"],
        ["qiaomai-live"],
        "为{target}提供{platform}直播带货服务",
        "巧麦拥有{n}名签约主播和杭州直播基地，可为欧洲品牌在{platform}开展直播带货、短视频种草和达人合作。服务按基础服务费加销售佣金计费，首月可提供{trial}场试播，并出具中英文数据复盘报告。",
        [
            {"target": "西班牙时尚品牌", "platform": "抖音", "n": 40, "trial": 4},
            {"target": "意大利食品品牌", "platform": "淘宝直播", "n": 25, "trial": 3},
            {"target": "加泰罗尼亚葡萄酒酒庄", "platform": "小红书和抖音", "n": 30, "trial": 5},
        ],
        countries=["ES", "IT"],
        topic="china-market",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["ai-large-models"],
        ["mingshu-ai"],
        "{domain}行业大模型私有化部署方案",
        "明枢{domain}大模型基于{params}参数基座模型微调，支持中文、英文和西班牙语，可部署在客户本地GPU服务器上，数据不出域。典型应用包括{usecases}。我们提供为期两周的概念验证（PoC），PoC费用可抵扣正式采购。",
        [
            {
                "domain": "制造业",
                "params": "70亿",
                "usecases": "设备故障问答、工艺文档检索和质检报告生成",
            },
            {"domain": "能源", "params": "130亿", "usecases": "电站运维知识问答和巡检报告自动生成"},
            {"domain": "政务", "params": "70亿", "usecases": "政策问答、公文起草和热线工单分类"},
            {
                "domain": "零售客服",
                "params": "30亿",
                "usecases": "多语言售前咨询、订单查询和售后工单处理",
            },
        ],
        countries=["ES", "DE", "IT"],
        topic="llm",
    ),
    _B(
        "zh-hans",
        "offer",
        "commercial",
        ["data-services", "ai-large-models"],
        ["shulin-data"],
        "{lang}语音与文本数据标注服务",
        "数林数据拥有{n}名{lang}母语或专业水平的标注员，可提供语音转写、意图标注和大模型指令数据构建服务，项目管理符合ISO 27001信息安全要求。单个项目每月产能可达{hours}小时语音或{items}万条文本。",
        [
            {"lang": "西班牙语", "n": 60, "hours": 2000, "items": 50},
            {"lang": "加泰罗尼亚语", "n": 25, "hours": 800, "items": 20},
            {"lang": "葡萄牙语", "n": 20, "hours": 600, "items": 15},
        ],
        countries=["ES", "PT"],
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["computer-vision", "smart-city"],
        ["shijing-vision"],
        "{scene}视觉识别边缘计算盒子",
        "视境边缘计算盒子内置{tops} TOPS算力，可接入{cams}路摄像头，预装{algo}算法。设备支持符合GDPR的隐私配置，包括人脸和车牌模糊化以及数据本地存储。寻求欧洲系统集成商作为代理，我们提供样机和联合投标支持。",
        [
            {
                "scene": "路口交通",
                "tops": 16,
                "cams": 16,
                "algo": "车流统计、违停识别和行人过街检测",
            },
            {"scene": "零售门店", "tops": 8, "cams": 8, "algo": "客流统计和货架缺货检测"},
            {"scene": "工业质检", "tops": 32, "cams": 4, "algo": "表面缺陷检测和尺寸测量"},
        ],
        countries=["ES", "DE", "PL"],
        topic="cv",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["value-added-telecom", "iot-connectivity"],
        ["tianlu-telecom"],
        "物联网连接管理平台及覆盖{n}个国家的漫游物联网卡",
        "天路物联网连接管理平台（CMP）支持多运营商卡资源统一管理、流量池共享和异常告警，并支持eSIM远程配置。我们的漫游物联网卡覆盖{n}个国家和地区，适用于{use}。寻求欧洲设备制造商和系统集成商合作，可提供1000张测试卡。",
        [
            {"n": 120, "use": "共享出行、物流追踪和智能表计"},
            {"n": 80, "use": "车载终端和充电桩联网"},
            {"n": 150, "use": "工业设备远程运维"},
        ],
        countries=["ES", "DE", "SE"],
        topic="iot-connectivity",
    ),
    _B(
        "zh-hans",
        "request",
        "partnership",
        ["value-added-telecom"],
        ["tianlu-telecom"],
        "寻求{country}移动虚拟运营商（MVNO）合作伙伴",
        "为服务在{country}工作、学习和旅游的中国用户，我们希望与当地移动虚拟运营商或运营商合作推出提供中文客服的预付费和企业套餐。我方负责中国侧营销渠道和中文客服，合作方提供号码资源和网络接入。预计首年用户约{users}。",
        [
            {"country": "西班牙", "users": "2万"},
            {"country": "葡萄牙", "users": "8000"},
            {"country": "意大利", "users": "1.5万"},
        ],
        countries=["ES", "PT", "IT"],
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["green-tech", "data-services"],
        ["tanzhi-carbon"],
        "欧盟CBAM碳排放数据报送软件（{industry}版）",
        "碳知CBAM软件帮助向欧盟出口{industry}的企业计算产品隐含碳排放，自动生成符合欧盟碳边境调节机制过渡期要求的季度报告数据。平台支持与欧洲进口商在线共享排放数据并留存核查记录。现寻求欧洲进口商、报关行和咨询机构作为渠道伙伴。",
        [
            {"industry": "钢铁制品"},
            {"industry": "铝制品"},
            {"industry": "化肥"},
        ],
        countries=["ES", "DE", "AT", "NL"],
        topic="cbam",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["industrial-internet", "smart-manufacturing"],
        ["gongxin-industrial"],
        "工业互联网平台：{app}应用",
        "工芯工业互联网平台支持OPC UA、Modbus和西门子S7等工业协议，{app}应用可在{weeks}周内完成部署，界面支持中文、英文和西班牙语。已服务汽车零部件、食品和包装等行业客户。寻求欧洲工厂开展试点，试点期软件免费，客户仅承担网关硬件费用约{cost}。",
        [
            {"app": "设备预测性维护", "weeks": 4, "cost": "1.5万欧元"},
            {"app": "工厂能耗管理", "weeks": 3, "cost": "8000欧元"},
            {"app": "设备综合效率（OEE）分析", "weeks": 2, "cost": "6000欧元"},
        ],
        countries=["ES", "DE", "IT"],
        topic="iiot",
    ),
    _B(
        "zh-hans",
        "offer",
        "commercial",
        ["cloud-computing", "data-centres"],
        ["lanyu-cloud"],
        "GPU算力租赁服务（{region}节点）",
        "蓝羽云在{region}节点提供按小时和包月计费的GPU算力租赁，适用于大模型训练、微调和推理。数据存储在{jurisdiction}境内，支持专线接入和私有网络隔离。新客户首月可获得{credit}代金券。",
        [
            {"region": "法兰克福", "jurisdiction": "德国", "credit": "5000欧元"},
            {"region": "马德里", "jurisdiction": "西班牙", "credit": "3000欧元"},
            {"region": "阿姆斯特丹", "jurisdiction": "荷兰", "credit": "4000欧元"},
        ],
        countries=["DE", "ES", "NL"],
    ),
    _B(
        "zh-hans",
        "offer",
        "commercial",
        ["cybersecurity"],
        ["shoumen-cyber"],
        "{service}：助力中国企业在欧洲合规经营",
        "守门网安为在欧洲开展业务的中国企业提供{service}服务，团队持有CISSP和CISP等专业资质，可提供中英文双语报告。{delivery}，报价{price}起。",
        [
            {
                "service": "数据出境与GDPR合规差距评估",
                "delivery": "交付周期约4周",
                "price": "1.2万欧元",
            },
            {"service": "渗透测试与漏洞评估", "delivery": "交付周期约2周", "price": "8000欧元"},
            {
                "service": "7×24小时安全运营中心（SOC）托管",
                "delivery": "按月订阅",
                "price": "每月3000欧元",
            },
        ],
        countries=["ES", "DE", "FR"],
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["smart-city", "smart-mobility"],
        ["youcheng-urban"],
        "智慧停车解决方案：{product}",
        "优城{product}可帮助城市提高车位周转率和收费效率，支持欧洲常用支付方式和多语言界面，数据可部署在欧盟境内。希望与{market}的市政部门或停车运营商合作，试点规模约{n}个车位。",
        [
            {"product": "路内停车地磁与视频桩", "market": "西班牙", "n": 500},
            {"product": "停车场无感支付系统", "market": "葡萄牙", "n": 1200},
            {"product": "城市级停车诱导平台", "market": "希腊", "n": 3000},
        ],
        countries=["ES", "PT", "GR"],
    ),
    _B(
        "zh-hans",
        "request",
        "commercial",
        ["warehouse-automation", "autonomous-driving", "drones"],
        ["hangyun-robotics", "zhixing-autopilot", "lingque-drones"],
        "寻求欧盟{cert}咨询服务",
        "我们计划于2025年在欧洲销售{product}，需要熟悉{cert}的咨询机构或公告机构协助完成技术文件、风险评估和测试。希望合作方能提供中英文沟通，并在{weeks}周内给出认证路线和报价。",
        [
            {"cert": "CE机械指令及ISO 3691-4认证", "product": "自动驾驶叉车和AMR", "weeks": 2},
            {
                "cert": "自动驾驶车辆型式认证（(EU) 2022/1426）",
                "product": "L4级接驳小巴",
                "weeks": 4,
            },
            {"cert": "无人机CE等级标识（(EU) 2019/945）", "product": "物流无人机", "weeks": 3},
        ],
        budget=(30000, 120000),
        cur="EUR",
        countries=["ES", "DE", "FR"],
        topic="compliance",
    ),
    _B(
        "zh-hans",
        "request",
        "partnership",
        ["autonomous-driving", "smart-mobility"],
        ["zhixing-autopilot"],
        "寻求{city}自动驾驶测试道路与示范区合作",
        "我们希望在{city}开展L4级自动驾驶接驳车的示范运营，需要当地政府或园区提供测试路段、停车充电场地以及法规许可方面的协助。我方承担车辆和运营成本，并愿意与本地高校或企业联合申请{program}。",
        [
            {"city": "巴塞罗那", "program": "欧盟地平线欧洲计划项目"},
            {"city": "里昂", "program": "法国自动驾驶试验项目"},
            {"city": "慕尼黑", "program": "巴伐利亚州智能交通资助项目"},
        ],
        countries=["ES", "FR", "DE"],
        topic="av-testbed",
    ),
    _B(
        "zh-hans",
        "request",
        "investment",
        ["energy-storage", "smart-manufacturing"],
        ["qingluan-energy"],
        "寻求在{country}建设储能系统组装厂的合作伙伴和场地",
        "青鸾储能计划投资约{inv}在{country}建设年产{gwh} GWh的储能系统组装线，需要约{area}平方米的工业用地或厂房。寻求本地合资伙伴、工业园区以及投资促进机构，协助对接补贴政策、电网接入和人员招聘。",
        [
            {"country": "西班牙", "inv": "3000万欧元", "gwh": 2, "area": "3万"},
            {"country": "匈牙利", "inv": "2500万欧元", "gwh": 1.5, "area": "2.5万"},
            {"country": "波兰", "inv": "2000万欧元", "gwh": 1, "area": "2万"},
        ],
        budget=(20000000, 30000000),
        cur="EUR",
        countries=["ES", "HU", "PL"],
    ),
    _B(
        "zh-hans",
        "offer",
        "commercial",
        ["consumer-electronics", "iot-connectivity"],
        ["dianzhi-devices"],
        "智能家居ODM：{product}，支持Matter协议",
        "点智为欧洲品牌和零售商提供{product}的ODM定制，支持Matter和Wi-Fi/Thread连接，已具备CE和RED认证经验。最小起订量{moq}台，打样周期约{days}天，可提供西班牙语和英文包装及说明书。",
        [
            {"product": "智能插座和智能灯泡", "moq": 3000, "days": 30},
            {"product": "扫地机器人", "moq": 1000, "days": 45},
            {"product": "儿童智能手表", "moq": 2000, "days": 40},
        ],
        countries=["ES", "PT", "FR"],
        topic="devices",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["drones", "smart-logistics"],
        ["lingque-drones"],
        "{use}无人机系统（含自动机库）",
        "翎雀{use}无人机系统包括无人机、自动换电机库和航线调度平台，最大载重{payload}，单次航程{range}。平台支持多机协同和远程监控。寻求欧洲合作伙伴开展{pilot}试点。",
        [
            {
                "use": "物流配送",
                "payload": "5公斤",
                "range": "20公里",
                "pilot": "医疗样本和紧急物资配送",
            },
            {
                "use": "电力巡检",
                "payload": "2公斤",
                "range": "15公里",
                "pilot": "输电线路和光伏电站巡检",
            },
            {"use": "港口安防", "payload": "1.5公斤", "range": "12公里", "pilot": "港区夜间巡逻"},
        ],
        countries=["ES", "IT"],
        topic="drones",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["agritech", "drones"],
        ["tianmu-agritech"],
        "{crop}多光谱监测无人机及长势分析服务",
        "田牧为{crop}提供多光谱无人机航测和作物长势分析服务，可生成病虫害风险、缺水和产量预估图，分辨率达到每像素{res}厘米。分析结果可导出到农场管理软件。寻求欧洲农业合作社和农技服务公司作为本地合作伙伴。",
        [
            {"crop": "葡萄园", "res": 3},
            {"crop": "橄榄园", "res": 5},
            {"crop": "水稻田", "res": 4},
        ],
        countries=["ES", "IT", "PT"],
        topic="agri-drone",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["smart-tourism", "xr-metaverse"],
        ["youlan-tourism", "huanjing-xr", "youlan-tourism"],
        "面向中国游客的{product}",
        "我们为欧洲景区、博物馆和酒店提供{product}，内容由专业团队翻译和配音，支持微信小程序和支付宝等中国游客常用渠道。可按年度服务费或按使用量分成合作，上线周期约{weeks}周。",
        [
            {"product": "中文语音导览小程序", "weeks": 4},
            {"product": "AR文物讲解和互动导览", "weeks": 8},
            {"product": "线上虚拟展厅和多语言直播导览", "weeks": 6},
        ],
        countries=["ES", "IT", "FR"],
        topic="tourism",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["cold-chain", "iot-connectivity"],
        ["lengyuan-coldchain"],
        "{device}及冷链全程追溯平台",
        "冷源{device}支持4G Cat-1和北斗/GPS定位，温度精度±0.3°C，电池续航{battery}。数据实时上传至追溯平台，超温自动告警，并可生成符合欧盟食品和药品运输要求的温度报告。寻求欧洲冷链物流企业试用。",
        [
            {"device": "冷藏集装箱温湿度监测终端", "battery": "90天"},
            {"device": "医药冷链温度记录仪", "battery": "60天"},
            {"device": "冷藏车温控与开门监测终端", "battery": "车载供电"},
        ],
        countries=["ES", "IT", "NL"],
        topic="coldchain-iot",
    ),
    _B(
        "zh-hans",
        "offer",
        "commercial",
        ["digital-payments", "fintech"],
        ["yuanqiao-pay"],
        "{product}",
        "远桥支付持有跨境支付相关资质，{detail}结算币种支持欧元、人民币和美元，资金最快T+1到账。可提供中文、英文和西班牙语客服以及开放API。",
        [
            {
                "product": "面向欧洲商户的支付宝和微信支付收单服务",
                "detail": "帮助欧洲零售、餐饮和酒店商户接收中国游客的扫码付款。",
            },
            {
                "product": "跨境电商卖家多币种收款账户",
                "detail": "为在欧洲电商平台销售的中国卖家提供本地收款账户和换汇服务。",
            },
            {
                "product": "欧洲供应商对华贸易收款方案",
                "detail": "为向中国出口的欧洲企业提供人民币收款和对账服务。",
            },
        ],
        countries=["ES", "IT", "FR"],
        topic="china-pay",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["enterprise-software", "fintech"],
        ["hengzhang-saas"],
        "出海企业{product}",
        "衡账{product}面向在欧洲设立子公司的中国企业，{detail}支持中文、英文和西班牙语界面，可与用友、金蝶等国内财务系统对接。提供30天免费试用。",
        [
            {"product": "多币种财务SaaS", "detail": "支持多币种记账、银行对账和增值税申报底稿。"},
            {
                "product": "西班牙电子发票解决方案",
                "detail": "支持西班牙Verifactu和B2B电子发票要求。",
            },
            {
                "product": "跨国集团合并报表工具",
                "detail": "支持中欧两地会计准则差异调整和合并抵销。",
            },
        ],
        countries=["ES", "PT"],
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["health-tech", "ai-large-models"],
        ["yikang-care"],
        "{scene}远程健康监测与AI随访方案",
        "医康为{scene}提供血压、血糖和血氧等远程监测设备及AI随访平台，设备已取得欧盟医疗器械CE标志。平台可自动识别异常数据并提醒医护人员，支持西班牙语和加泰罗尼亚语界面。希望与欧洲医疗机构合作开展{months}个月试点。",
        [
            {"scene": "养老机构", "months": 6},
            {"scene": "社区慢病管理", "months": 6},
            {"scene": "术后居家康复", "months": 3},
        ],
        countries=["ES"],
        topic="telehealth",
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["smart-grid", "renewable-energy"],
        ["yuneng-microgrid"],
        "{scene}微电网控制器与能量调度软件",
        "御能微电网控制器可协调光伏、风电、储能和柴油发电机，实现{scene}的并网和离网无缝切换，调度软件支持负荷预测和经济运行优化。寻求欧洲工程总包商和能源服务公司合作。",
        [
            {"scene": "港口"},
            {"scene": "海岛"},
            {"scene": "工业园区"},
        ],
        countries=["ES", "GR", "PT"],
    ),
    _B(
        "zh-hans",
        "offer",
        "technology",
        ["blockchain", "data-services"],
        ["lianshu-chain"],
        "{product}区块链溯源平台",
        "链枢区块链溯源平台为{product}生成一物一码，记录产地、加工、物流和清关信息，中国消费者扫码即可查看中文溯源页面。可帮助欧洲出口商提升品牌信任度并打击假冒产品，按年度订阅收费。",
        [
            {"product": "葡萄酒"},
            {"product": "橄榄油"},
            {"product": "奢侈品皮具"},
        ],
        countries=["ES", "IT", "FR"],
    ),
    _B(
        "zh-hans",
        "request",
        "commercial",
        ["consumer-electronics"],
        ["dianzhi-devices"],
        "寻求{country}智能家居产品分销商",
        "点智自有品牌智能家居产品（智能插座、摄像头和门锁）计划进入{country}市场，寻求覆盖电子产品零售和电商渠道的分销商。我们提供本地化包装、售后备件和市场推广费用支持，首年目标销量约{units}台。",
        [
            {"country": "西班牙", "units": "5万"},
            {"country": "意大利", "units": "4万"},
            {"country": "法国", "units": "6万"},
        ],
        countries=["ES", "IT", "FR"],
        topic="devices",
    ),
    _B(
        "zh-hans",
        "request",
        "partnership",
        ["smart-energy", "autonomous-driving", "cross-border-ecommerce"],
        ["beijing-overseas-service-base"],
        "征集{sector}领域欧洲合作伙伴，参加北京出海企业对接会",
        "北京数字经济企业出海创新服务基地将于2025年在巴塞罗那欧洲中心举办{sector}专场对接会，现征集欧洲企业、园区和投资机构参会。参会方可与北京企业进行一对一洽谈，基地提供翻译和会后跟进服务，参会免费。",
        [
            {"sector": "智慧能源", "sectors": ["smart-energy"]},
            {"sector": "自动驾驶与智慧物流", "sectors": ["autonomous-driving", "smart-logistics"]},
            {"sector": "跨境电商", "sectors": ["cross-border-ecommerce"]},
        ],
        countries=["ES", "FR", "DE", "IT", "PT"],
    ),
]

_ES = [
    _B(
        "es",
        "request",
        "procurement",
        ["warehouse-automation", "robotics"],
        ["almacenes-llobregat", "almacenes-llobregat", "transportes-ebro"],
        "Buscamos carretillas autónomas para nuestro centro logístico de {site}",
        "Necesitamos {n} carretillas autónomas de horquillas para mover palés en un almacén de {area} m² en {site}, con operación en tres turnos. Deben integrarse con nuestro sistema de gestión de almacén (SAP EWM), cumplir la norma ISO 3691-4 y llevar marcado CE. Queremos empezar con un piloto de {months} meses antes de comprar la flota completa; presupuesto estimado {btxt}.",
        [
            {
                "site": "El Prat de Llobregat",
                "n": 12,
                "area": "40.000",
                "months": 3,
                "btxt": "entre 600.000 y 900.000 €",
                "b": (600000, 900000),
            },
            {
                "site": "la Zona Franca de Barcelona",
                "n": 8,
                "area": "25.000",
                "months": 3,
                "btxt": "entre 400.000 y 600.000 €",
                "b": (400000, 600000),
            },
            {
                "site": "la Plataforma Logística de Zaragoza",
                "n": 20,
                "area": "60.000",
                "months": 6,
                "btxt": "hasta 1,5 millones de euros",
                "b": (900000, 1500000),
            },
        ],
        cur="EUR",
        countries=["CN", "DE", "IT"],
        topic="forklift",
    ),
    _B(
        "es",
        "request",
        "procurement",
        ["energy-storage", "renewable-energy"],
        ["meseta-solar"],
        "Solicitamos ofertas de baterías para hibridar la planta fotovoltaica de {site}",
        "Buscamos un sistema de almacenamiento de {mwh} MWh / {mw} MW para hibridar nuestra planta fotovoltaica de {site}. El proveedor debe aportar celdas LFP, sistema de conversión de potencia, EMS y una garantía de rendimiento de 10 años, además de experiencia en la conexión a la red de distribución española. Puesta en marcha prevista: {when}.",
        [
            {
                "site": "Toledo",
                "mwh": 20,
                "mw": 5,
                "when": "primer trimestre de 2026",
                "b": (4000000, 6000000),
            },
            {
                "site": "Guadalajara",
                "mwh": 8,
                "mw": 2,
                "when": "finales de 2025",
                "b": (1600000, 2400000),
            },
            {
                "site": "Aranjuez",
                "mwh": 12,
                "mw": 3,
                "when": "mediados de 2026",
                "b": (2400000, 3600000),
            },
        ],
        cur="EUR",
        countries=["CN", "DE"],
        topic="storage",
    ),
    _B(
        "es",
        "request",
        "procurement",
        ["ev-charging", "smart-logistics"],
        ["transportes-ebro", "delta-fred-logistica", "puerto-sur-cargas"],
        "Cargadores de alta potencia para {n} camiones eléctricos en {site}",
        "Estamos electrificando parte de nuestra flota de reparto y necesitamos {chargers} puntos de recarga de {power} kW en nuestra base de {site}, con protocolo OCPP y gestión dinámica de carga integrada con nuestro sistema de gestión de flotas. Valoraremos que la oferta incluya instalación, mantenimiento durante cinco años y fórmulas de renting.",
        [
            {"n": 15, "site": "Zaragoza", "chargers": 6, "power": 350, "b": (500000, 800000)},
            {"n": 8, "site": "Tarragona", "chargers": 4, "power": 180, "b": (200000, 350000)},
            {"n": 10, "site": "Algeciras", "chargers": 5, "power": 240, "b": (300000, 500000)},
        ],
        cur="EUR",
        countries=["CN", "NL", "DE"],
        topic="charging",
    ),
    _B(
        "es",
        "offer",
        "commercial",
        ["port-logistics"],
        ["puerto-sur-cargas"],
        "Servicios de terminal y consignación en Algeciras para {cargo}",
        "Ofrecemos descarga, almacenamiento en depósito aduanero y despacho de {cargo} en el puerto de Algeciras, con conexión ferroviaria hacia Madrid y Zaragoza. Disponemos de {area} m² de explanada y equipo propio. Tarifas especiales para contratos anuales a partir de {teu}.",
        [
            {
                "cargo": "contenedores de comercio electrónico procedentes de China",
                "area": "15.000",
                "teu": "2.000 TEU",
            },
            {"cargo": "módulos fotovoltaicos y baterías", "area": "8.000", "teu": "800 TEU"},
            {
                "cargo": "vehículos eléctricos importados en carga rodada",
                "area": "20.000",
                "teu": "5.000 vehículos",
            },
        ],
        countries=["CN"],
    ),
    _B(
        "es",
        "request",
        "partnership",
        ["cross-border-ecommerce", "digital-marketing"],
        ["levante-moda-online"],
        "Buscamos socio para vender {product} en {platform}",
        "Somos una marca valenciana con venta online en tres países europeos y queremos lanzar {product} en el mercado chino a través de {platform}. Buscamos una agencia con experiencia en esa plataforma que gestione la tienda, los contenidos en chino, la publicidad y la logística de importación. Volumen inicial previsto: unas {units} unidades por trimestre.",
        [
            {
                "product": "nuestra colección de calzado",
                "platform": "Tmall Global",
                "units": "3.000",
            },
            {
                "product": "bolsos de piel fabricados en Elche",
                "platform": "Douyin",
                "units": "1.500",
            },
            {"product": "moda infantil", "platform": "Xiaohongshu", "units": "2.500"},
        ],
        budget=(50000, 150000),
        cur="EUR",
        countries=["CN"],
        topic="china-market",
    ),
    _B(
        "es",
        "request",
        "technology",
        ["agritech", "drones", "data-services"],
        ["castilla-agrodatos"],
        "Buscamos drones multiespectrales para monitorizar {crop}",
        "Trabajamos con cooperativas que gestionan {ha} hectáreas de {crop} y queremos incorporar vuelos multiespectrales para detectar estrés hídrico y plagas de forma temprana. Buscamos proveedor de drones y software de análisis que exporte mapas compatibles con nuestra plataforma (formato GeoTIFF). Empezaríamos con una campaña piloto en primavera.",
        [
            {"crop": "cereal de secano", "ha": "12.000"},
            {"crop": "viñedo en la Ribera del Duero", "ha": "3.500"},
            {"crop": "remolacha azucarera", "ha": "2.000"},
        ],
        budget=(40000, 120000),
        cur="EUR",
        countries=["CN", "FR"],
        topic="agri-drone",
    ),
    _B(
        "es",
        "offer",
        "commercial",
        ["drones", "renewable-energy"],
        ["malaga-drones"],
        "Inspección con drones de {asset}",
        "Realizamos inspecciones de {asset} con drones equipados con cámara térmica y RGB, con pilotos certificados por AESA. Entregamos un informe con la localización de cada incidencia en un plazo de {days} días. Buscamos acuerdos con propietarios e ingenierías, también con empresas extranjeras que operen activos en Andalucía.",
        [
            {"asset": "plantas fotovoltaicas", "days": 5},
            {"asset": "aerogeneradores", "days": 7},
            {"asset": "líneas eléctricas de media tensión", "days": 10},
        ],
        countries=["CN", "DE"],
    ),
    _B(
        "es",
        "request",
        "procurement",
        ["consumer-electronics"],
        ["iberica-electronica-retail"],
        "Buscamos fabricante ODM de {product} con certificación CE y Matter",
        "Queremos lanzar bajo marca propia una gama de {product} para nuestras tiendas de España y Portugal. Pedimos compatibilidad con Matter, certificación CE y RED, embalaje en español y portugués y garantía de dos años. Primer pedido estimado de {units} unidades, con entregas a partir de septiembre.",
        [
            {
                "product": "enchufes y bombillas inteligentes",
                "units": "20.000",
                "b": (150000, 250000),
            },
            {"product": "robots aspiradores", "units": "5.000", "b": (600000, 900000)},
            {"product": "relojes inteligentes infantiles", "units": "8.000", "b": (300000, 450000)},
        ],
        cur="EUR",
        countries=["CN"],
        topic="devices",
    ),
    _B(
        "es",
        "request",
        "technology",
        ["iot-connectivity", "5g-networks", "industrial-internet"],
        ["cantabrico-redes"],
        "Buscamos proveedor de {product} para proyectos industriales",
        "Para nuestros proyectos de red 5G privada en plantas del País Vasco necesitamos {product} con certificación CE/RED, rango de temperatura industrial y soporte a largo plazo (mínimo 7 años). Necesidad estimada de {units} unidades en 2025. Valoramos documentación en inglés y soporte técnico en horario europeo.",
        [
            {"product": "módulos 5G RedCap", "units": "3.000"},
            {"product": "pasarelas industriales 5G", "units": "400"},
            {"product": "módulos LTE Cat-1 de bajo consumo", "units": "10.000"},
        ],
        budget=(100000, 400000),
        cur="EUR",
        countries=["CN", "SE", "DE"],
        topic="iot-module",
    ),
    _B(
        "es",
        "offer",
        "technology",
        ["5g-networks", "industrial-internet"],
        ["cantabrico-redes"],
        "Despliegue de redes 5G privadas en {industry}",
        "Diseñamos, desplegamos y operamos redes 5G privadas en {industry}, integrando la red con los sistemas de control existentes. Ofrecemos un estudio de cobertura y un piloto de {weeks} semanas. Buscamos fabricantes de equipos y de terminales interesados en proyectos conjuntos en España.",
        [
            {"industry": "plantas siderúrgicas", "weeks": 8},
            {"industry": "terminales portuarias", "weeks": 6},
            {"industry": "fábricas de automoción", "weeks": 10},
        ],
        countries=["CN", "DE", "FR"],
    ),
    _B(
        "es",
        "offer",
        "commercial",
        ["edtech"],
        ["aula-abierta-edtech"],
        "Formación online en {topic} para equipos chinos que se implantan en España",
        "Programa online de {hours} horas en {topic}, diseñado para empresas chinas que abren filial en España. Incluye sesiones en directo, material bilingüe español-chino y certificado de aprovechamiento. Grupos de hasta 20 personas; precio por grupo a partir de {price}.",
        [
            {"topic": "español de negocios", "hours": 60, "price": "4.800 €"},
            {"topic": "derecho laboral y prevención de riesgos", "hours": 20, "price": "2.400 €"},
            {
                "topic": "cultura empresarial y negociación",
                "hours": 16,
                "price": "1.900 €",
            },
        ],
        countries=["CN"],
    ),
    _B(
        "es",
        "request",
        "partnership",
        ["digital-payments", "smart-tourism"],
        ["hispana-pagos"],
        "Buscamos socio para aceptar Alipay y WeChat Pay en comercios de {city}",
        "Damos servicio de TPV a unos {n} comercios de {city} con mucho turismo chino y queremos ofrecerles pagos con Alipay y WeChat Pay en el mismo terminal. Buscamos un adquirente o proveedor de pagos con licencia que se integre con nuestra plataforma por API y liquide en euros.",
        [
            {"city": "Madrid", "n": "1.200"},
            {"city": "Barcelona", "n": "900"},
            {"city": "Málaga", "n": "400"},
        ],
        countries=["CN"],
        topic="china-pay",
    ),
    _B(
        "es",
        "offer",
        "commercial",
        ["cold-chain"],
        ["delta-fred-logistica"],
        "Almacén frigorífico y distribución de {product} en el corredor mediterráneo",
        "Disponemos de {pallets} posiciones de palé a temperatura controlada en Tarragona y Valencia y de una flota propia de camiones frigoríficos. Ofrecemos almacenamiento, preparación de pedidos y distribución de {product}, con trazabilidad completa de temperatura. Buscamos clientes importadores y exportadores, también con destino China.",
        [
            {"product": "fruta de hueso para exportación", "pallets": "6.000"},
            {"product": "medicamentos termolábiles", "pallets": "2.500"},
            {"product": "marisco congelado", "pallets": "4.000"},
        ],
        countries=["CN", "FR"],
    ),
    _B(
        "es",
        "request",
        "technology",
        ["cold-chain", "iot-connectivity"],
        ["delta-fred-logistica"],
        "Sensores IoT de temperatura para {n} {asset}",
        "Queremos sustituir los registradores de temperatura actuales por sensores IoT con conectividad móvil y localización para {n} {asset}. Necesitamos alertas en tiempo real, informes exportables para auditorías GDP y una batería de al menos 60 días. Pedimos un piloto de un mes con 20 unidades.",
        [
            {"n": 150, "asset": "camiones frigoríficos", "b": (60000, 90000)},
            {"n": 300, "asset": "contenedores reefer", "b": (90000, 150000)},
            {"n": 80, "asset": "cámaras de frío", "b": (30000, 50000)},
        ],
        cur="EUR",
        countries=["CN", "IT"],
        topic="coldchain-iot",
    ),
    _B(
        "es",
        "offer",
        "commercial",
        ["enterprise-software", "fintech"],
        ["pont-fiscal"],
        "Constitución de sociedad y alta fiscal en España para {client}",
        "Acompañamos a {client} en la constitución de la sociedad, la obtención del NIF, el alta en IVA y Seguridad Social y la apertura de cuenta bancaria. Trabajamos con un equipo que habla chino y entregamos un calendario fiscal del primer año. Honorarios cerrados desde {price}.",
        [
            {"client": "empresas tecnológicas chinas", "price": "3.500 €"},
            {"client": "startups extranjeras", "price": "2.200 €"},
            {"client": "filiales con personal desplazado", "price": "5.000 €"},
        ],
        countries=["CN"],
        topic="compliance",
    ),
    _B(
        "es",
        "request",
        "investment",
        ["renewable-energy", "energy-storage"],
        ["meseta-solar"],
        "Buscamos inversor para una cartera de {mw} MW fotovoltaicos en {region}",
        "Tenemos una cartera de {mw} MW fotovoltaicos en {region} con punto de conexión concedido y tramitación ambiental avanzada. Buscamos un socio financiero o industrial que entre en el capital y, si es posible, aporte el suministro de baterías. Inversión total estimada de {capex}.",
        [
            {
                "mw": 150,
                "region": "Castilla-La Mancha",
                "capex": "105 millones de euros",
                "b": (90000000, 110000000),
            },
            {
                "mw": 80,
                "region": "Aragón",
                "capex": "58 millones de euros",
                "b": (50000000, 60000000),
            },
            {
                "mw": 60,
                "region": "Extremadura",
                "capex": "42 millones de euros",
                "b": (38000000, 45000000),
            },
        ],
        cur="EUR",
        countries=["CN", "DE", "NL"],
    ),
    _B(
        "es",
        "offer",
        "commercial",
        ["cross-border-ecommerce"],
        ["mercat-obert-digital"],
        "Exportamos {product} a China con etiquetado en chino",
        "Seleccionamos productores de {product} y preparamos los envíos a China con etiquetado en chino, registro de exportador y documentación sanitaria. Buscamos importadores y tiendas en plataformas de comercio electrónico transfronterizo. Pedido mínimo: {moq}.",
        [
            {"product": "aceite de oliva virgen extra", "moq": "un palé (unas 900 botellas)"},
            {"product": "cava y vinos del Penedès", "moq": "600 botellas"},
            {"product": "turrones y dulces tradicionales", "moq": "400 kg"},
        ],
        countries=["CN"],
        topic="catalan-products",
    ),
    _B(
        "es",
        "request",
        "technology",
        ["ai-large-models", "speech-language"],
        ["iberica-electronica-retail", "hispana-pagos", "iberica-electronica-retail"],
        "Asistente virtual de atención al cliente en {langs}",
        "Queremos implantar un asistente virtual basado en modelos de lenguaje que atienda {channel} en {langs}, conectado a nuestro catálogo y al sistema de pedidos. Los datos deben alojarse en la Unión Europea. Pedimos una prueba de concepto de seis semanas con métricas de resolución.",
        [
            {"langs": "español, portugués y chino", "channel": "el chat de la tienda online"},
            {"langs": "español e inglés", "channel": "las consultas de comercios por WhatsApp"},
            {"langs": "español y catalán", "channel": "las llamadas de soporte técnico"},
        ],
        budget=(60000, 150000),
        cur="EUR",
        countries=["CN", "ES"],
        topic="llm",
    ),
    _B(
        "es",
        "request",
        "technology",
        ["autonomous-driving", "smart-logistics"],
        ["transportes-ebro"],
        "Piloto de camión autónomo para {route}",
        "Queremos probar un camión autónomo para {route}, dentro de un recinto privado y con conductor de seguridad. Buscamos un proveedor que aporte el vehículo, la integración con nuestro sistema de gestión de patio y el apoyo para las autorizaciones de la DGT. Duración prevista del piloto: {months} meses.",
        [
            {"route": "traslados internos en la Plataforma Logística de Zaragoza", "months": 6},
            {"route": "lanzaderas entre nuestro almacén y la terminal ferroviaria", "months": 4},
            {
                "route": "movimientos de semirremolques en nuestro centro de cross-docking",
                "months": 3,
            },
        ],
        budget=(250000, 600000),
        cur="EUR",
        countries=["CN", "DE"],
        topic="autotruck",
    ),
    _B(
        "es",
        "request",
        "technology",
        ["port-logistics", "computer-vision"],
        ["city-valencia", "puerto-sur-cargas", "puerto-sur-cargas"],
        "Soluciones de visión artificial para {use}",
        "Buscamos soluciones de visión artificial para {use}, con integración en el sistema de comunidad portuaria y cumplimiento del RGPD. Se valorarán referencias en puertos de tamaño similar y la posibilidad de un piloto de tres meses en una de las puertas de acceso.",
        [
            {"use": "la lectura automática de matrículas y contenedores en los accesos al puerto"},
            {"use": "la detección de daños en contenedores en la puerta de entrada"},
            {"use": "el control de ocupación de la zona de espera de camiones"},
        ],
        budget=(150000, 400000),
        cur="EUR",
        countries=["CN", "NL"],
        topic="port-cv",
    ),
    _B(
        "es",
        "offer",
        "partnership",
        ["smart-city", "digital-government"],
        ["city-madrid"],
        "Madrid ofrece un espacio de pruebas para soluciones de {topic}",
        "La ciudad ofrece a empresas de las ciudades socias de la iniciativa un espacio de pruebas para soluciones de {topic} en un distrito piloto, con acceso a datos abiertos municipales y acompañamiento técnico durante {months} meses. Las empresas asumen el coste de sus equipos; la ciudad facilita permisos y ubicaciones.",
        [
            {"topic": "aparcamiento inteligente", "months": 6},
            {"topic": "gestión de residuos con sensores", "months": 6},
            {"topic": "movilidad eléctrica compartida", "months": 9},
        ],
        countries=["CN", "DE", "FR", "IT"],
    ),
    _B(
        "es",
        "offer",
        "commercial",
        ["smart-logistics", "warehouse-automation"],
        ["almacenes-llobregat"],
        "Espacio de almacén y preparación de pedidos para marcas chinas en {site}",
        "Ofrecemos {area} m² de almacén con preparación de pedidos, gestión de devoluciones y conexión con transportistas de paquetería en {site}. Nuestro equipo atiende en español e inglés y contamos con una coordinadora que habla chino. Contratos desde {months} meses.",
        [
            {"site": "El Prat de Llobregat", "area": "5.000", "months": 6},
            {"site": "Sant Boi de Llobregat", "area": "3.000", "months": 3},
            {"site": "Martorelles", "area": "8.000", "months": 12},
        ],
        countries=["CN"],
        topic="overseas-warehouse",
    ),
    _B(
        "es",
        "request",
        "investment",
        ["edtech"],
        ["aula-abierta-edtech"],
        "Buscamos {amt} de inversión para {goal}",
        "Aula Abierta ofrece formación profesional online a más de 300 empresas clientes en España. Abrimos una ronda de {amt} para {goal}. Buscamos inversores con experiencia en tecnología educativa y, si es posible, contactos en el mercado chino.",
        [
            {
                "amt": "1,5 millones de euros",
                "goal": "lanzar la plataforma en Latinoamérica",
                "b": (1000000, 1500000),
            },
            {
                "amt": "800.000 euros",
                "goal": "desarrollar un tutor basado en inteligencia artificial",
                "b": (600000, 800000),
            },
            {
                "amt": "2 millones de euros",
                "goal": "crear una versión en chino para empresas que se implantan en España",
                "b": (1500000, 2000000),
            },
        ],
        cur="EUR",
        countries=["CN", "ES"],
    ),
    _B(
        "es",
        "offer",
        "investment",
        ["port-logistics", "cold-chain"],
        ["puerto-sur-cargas"],
        "Oportunidad de coinversión: {asset} en el puerto de Algeciras",
        "Buscamos un socio inversor para {asset} en nuestra concesión del puerto de Algeciras. La inversión total prevista es de {capex} y el proyecto cuenta con {status}. Ofrecemos participación en la sociedad del proyecto y contratos de servicio a largo plazo.",
        [
            {
                "asset": "una nave de depósito aduanero de 12.000 m²",
                "capex": "9 millones de euros",
                "status": "licencia de obra solicitada",
                "b": (4000000, 9000000),
            },
            {
                "asset": "una terminal de frío para fruta y pescado",
                "capex": "14 millones de euros",
                "status": "proyecto básico aprobado",
                "b": (6000000, 14000000),
            },
            {
                "asset": "un aparcamiento de camiones con recarga eléctrica",
                "capex": "5 millones de euros",
                "status": "terreno reservado en la concesión",
                "b": (2000000, 5000000),
            },
        ],
        cur="EUR",
        countries=["CN", "NL", "AE"],
    ),
    _B(
        "es",
        "offer",
        "technology",
        ["agritech", "data-services"],
        ["castilla-agrodatos"],
        "Plataforma de datos agronómicos para {client}",
        "Nuestra plataforma reúne datos de satélite, estaciones meteorológicas y maquinaria para {client} y genera recomendaciones de {rec}. Ya la usan cooperativas de Castilla y León. Buscamos socios tecnológicos en China interesados en adaptarla a grandes explotaciones.",
        [
            {"client": "cooperativas de cereal", "rec": "abonado y siembra por zonas"},
            {"client": "bodegas y viticultores", "rec": "riego y fecha de vendimia"},
            {"client": "productores de hortícolas", "rec": "riego y tratamientos fitosanitarios"},
        ],
        countries=["CN", "PT"],
    ),
    _B(
        "es",
        "request",
        "procurement",
        ["drones"],
        ["malaga-drones"],
        "Buscamos proveedor de drones para {use}",
        "Para ampliar nuestro servicio necesitamos {n} drones para {use}, con clase C2 o C3 según el reglamento europeo, autonomía mínima de {minutes} minutos y posibilidad de operar desde una base automática. Valoramos formación para nuestros pilotos y repuestos en España.",
        [
            {
                "use": "la inspección de líneas eléctricas",
                "n": 4,
                "minutes": 40,
                "b": (60000, 120000),
            },
            {
                "use": "la vigilancia de plantas solares desde base automática",
                "n": 3,
                "minutes": 35,
                "b": (80000, 150000),
            },
            {
                "use": "el transporte de muestras entre centros de salud",
                "n": 2,
                "minutes": 45,
                "b": (50000, 90000),
            },
        ],
        cur="EUR",
        countries=["CN", "FR"],
        topic="drones",
    ),
    _B(
        "es",
        "request",
        "technology",
        ["speech-language", "edtech"],
        ["aula-abierta-edtech"],
        "Buscamos tecnología de reconocimiento de voz para {use}",
        "Queremos incorporar reconocimiento y traducción de voz a nuestra plataforma para {use}. Necesitamos que funcione con español, inglés y chino, con una API en la nube alojada en la UE y un coste por minuto asumible para miles de alumnos.",
        [
            {"use": "subtitular en directo las clases online"},
            {"use": "evaluar la pronunciación en cursos de idiomas"},
            {"use": "traducir las tutorías con alumnos chinos"},
        ],
        budget=(20000, 60000),
        cur="EUR",
        countries=["CN", "ES", "IE"],
        topic="speech",
    ),
    _B(
        "es",
        "request",
        "technology",
        ["computer-vision", "industrial-internet"],
        ["cantabrico-redes"],
        "Visión artificial para la inspección de {item}",
        "Un cliente siderúrgico nos pide un sistema de visión artificial para inspeccionar {item} en línea, conectado a su red 5G privada. Buscamos un proveedor de cámaras, equipos de computación en el borde y algoritmos entrenables con pocas imágenes. Piloto de dos meses en Bizkaia.",
        [
            {"item": "defectos superficiales en bobinas de acero"},
            {"item": "soldaduras en estructuras metálicas"},
            {"item": "grietas en palanquillas de colada continua"},
        ],
        budget=(80000, 200000),
        cur="EUR",
        countries=["CN", "DE"],
        topic="cv",
    ),
]

_CA = [
    _B(
        "ca",
        "request",
        "procurement",
        ["ev-charging"],
        ["xarxa-verda-recarrega"],
        "Busquem carregadors ràpids de {power} kW per a {n} punts de recàrrega {place}",
        "Ampliem la xarxa de recàrrega pública {place} i necessitem {n} carregadors ràpids de {power} kW amb connector CCS2, protocol OCPP 2.0.1 i pagament amb targeta sense contacte. Valorarem que l'oferta inclogui el manteniment durant cinc anys i suport tècnic en català o castellà. Pressupost aproximat: {btxt}.",
        [
            {
                "power": 60,
                "n": 10,
                "place": "a l'Alt Empordà",
                "btxt": "250.000 €",
                "b": (200000, 260000),
            },
            {
                "power": 120,
                "n": 6,
                "place": "a la Garrotxa",
                "btxt": "300.000 €",
                "b": (250000, 320000),
            },
            {
                "power": 150,
                "n": 4,
                "place": "als aparcaments dissuasius de Girona",
                "btxt": "240.000 €",
                "b": (200000, 250000),
            },
        ],
        cur="EUR",
        countries=["CN", "NL", "DE"],
        topic="charging",
    ),
    _B(
        "ca",
        "request",
        "procurement",
        ["energy-storage", "renewable-energy"],
        ["sol-de-ponent"],
        "Sol·licitem ofertes de bateries per a l'autoconsum {client}",
        "Estem ampliant la instal·lació fotovoltaica {client} i necessitem un sistema d'emmagatzematge d'uns {kwh} kWh amb EMS per desplaçar el consum a les hores punta. Demanem bateries LFP amb certificat CE, garantia de deu anys i monitoratge remot. Volem adjudicar el projecte abans de {when}.",
        [
            {
                "client": "d'una cooperativa agrària de les Garrigues",
                "kwh": 430,
                "when": "l'estiu",
                "b": (120000, 180000),
            },
            {
                "client": "d'una fàbrica de pinsos del Segrià",
                "kwh": 860,
                "when": "la tardor",
                "b": (220000, 320000),
            },
            {
                "client": "d'un escorxador de la Noguera",
                "kwh": "1.000",
                "when": "final d'any",
                "b": (260000, 380000),
            },
        ],
        cur="EUR",
        countries=["CN", "DE"],
        topic="storage",
    ),
    _B(
        "ca",
        "offer",
        "commercial",
        ["renewable-energy", "smart-energy"],
        ["sol-de-ponent"],
        "Instal·lacions d'autoconsum fotovoltaic per a {client}",
        "Dissenyem i instal·lem plantes d'autoconsum de {range} per a {client}, amb legalització, gestió de subvencions i manteniment. També oferim contractes de compra d'energia (PPA) sense inversió inicial. Busquem empreses, incloses filials de grups estrangers, amb naus a Catalunya i Aragó.",
        [
            {"range": "100 kW a 2 MW", "client": "naus logístiques"},
            {"range": "200 kW a 1 MW", "client": "indústries agroalimentàries"},
            {"range": "50 kW a 300 kW", "client": "hotels i càmpings"},
        ],
        countries=["CN", "FR"],
    ),
    _B(
        "ca",
        "request",
        "partnership",
        ["port-logistics", "computer-vision"],
        ["portlogic-mediterrania"],
        "Cerquem soci tecnològic per automatitzar {task} al port de Barcelona",
        "Volem automatitzar {task} a la nostra terminal del port de Barcelona, on movem uns {teu} TEU l'any. Busquem una empresa amb solucions de visió artificial ja provades en altres ports, disposada a fer una prova pilot de tres mesos i a integrar-se amb el nostre sistema de gestió de terminal.",
        [
            {"task": "el control de les portes d'accés", "teu": "180.000"},
            {"task": "la inspecció de danys en contenidors", "teu": "180.000"},
            {"task": "el seguiment de les grues de moll", "teu": "180.000"},
        ],
        budget=(120000, 350000),
        cur="EUR",
        countries=["CN", "NL"],
        topic="port-cv",
    ),
    _B(
        "ca",
        "offer",
        "commercial",
        ["port-logistics", "smart-logistics"],
        ["portlogic-mediterrania"],
        "Distribució des del port de Barcelona cap a {region}",
        "Oferim recollida de contenidors al port de Barcelona, desconsolidació al nostre magatzem i distribució cap a {region} en {hours} hores. Treballem amb importadors de comerç electrònic i de components industrials. Tarifes per palé o per contenidor complet.",
        [
            {"region": "el sud de França", "hours": 48},
            {"region": "Aragó i Madrid", "hours": 24},
            {"region": "les Illes Balears", "hours": 72},
        ],
        countries=["CN"],
        topic="overseas-warehouse",
    ),
    _B(
        "ca",
        "offer",
        "commercial",
        ["cross-border-ecommerce"],
        ["mercat-obert-digital"],
        "Distribuïm {product} a botigues en línia xineses",
        "Seleccionem petits productors de {product} i ens encarreguem de l'etiquetatge en xinès, els registres d'exportació i l'enviament consolidat cap a la Xina. Cerquem importadors i operadors de comerç electrònic transfronterer interessats en una gamma exclusiva. Comanda mínima: {moq}.",
        [
            {"product": "vins del Penedès i del Priorat", "moq": "600 ampolles"},
            {"product": "formatges artesans", "moq": "300 kg"},
            {"product": "cosmètica natural", "moq": "1.000 unitats"},
        ],
        countries=["CN"],
        topic="catalan-products",
    ),
    _B(
        "ca",
        "request",
        "technology",
        ["ai-large-models", "data-services"],
        ["mosaic-dades"],
        "Cerquem model de llenguatge desplegable en local per a {task}",
        "Per a un client del sector {sector} necessitem un model de llenguatge que es pugui desplegar en servidors propis per a {task}. Ha de funcionar bé en català i castellà, permetre ajustament fi amb dades del client i tenir una llicència que n'autoritzi l'ús comercial. Prova de concepte prevista de {weeks} setmanes.",
        [
            {"sector": "assegurador", "task": "l'anàlisi de contractes", "weeks": 6},
            {
                "sector": "industrial",
                "task": "la classificació d'incidències de manteniment",
                "weeks": 4,
            },
            {"sector": "públic", "task": "resumir actes de reunions multilingües", "weeks": 8},
        ],
        budget=(40000, 120000),
        cur="EUR",
        countries=["CN", "FR", "DE"],
        topic="llm",
    ),
    _B(
        "ca",
        "offer",
        "technology",
        ["speech-language", "ai-large-models"],
        ["llengua-viva-ia"],
        "Reconeixement de veu en català per a {use}",
        "El nostre motor de reconeixement de veu en català i castellà assoleix una taxa d'error de paraula inferior al {wer} % en {use}. S'ofereix al núvol o instal·lat en local, amb adaptació al vocabulari del client en {weeks} setmanes. Busquem integradors i fabricants que vulguin oferir el català als seus productes.",
        [
            {"use": "centres d'atenció telefònica", "wer": 8, "weeks": 3},
            {"use": "la subtitulació d'actes públics", "wer": 6, "weeks": 2},
            {"use": "assistents de veu de vehicles", "wer": 10, "weeks": 6},
        ],
        countries=["CN", "ES"],
        topic="speech",
    ),
    _B(
        "ca",
        "offer",
        "technology",
        ["value-added-telecom", "iot-connectivity"],
        ["tramuntana-telecom"],
        "Connectivitat IoT gestionada per a {use}",
        "Oferim connectivitat IoT multioperador amb plataforma de gestió pròpia per a {use}, amb suport en català, castellà i anglès. Inclou targetes SIM industrials, VPN privada i alertes de consum anòmal. Preu des de {price} per dispositiu i mes.",
        [
            {"use": "comptadors d'aigua municipals", "price": "0,60 €"},
            {"use": "contenidors de residus intel·ligents", "price": "0,80 €"},
            {"use": "estacions meteorològiques agrícoles", "price": "1,20 €"},
        ],
        countries=["CN", "FR"],
        topic="iot-connectivity",
    ),
    _B(
        "ca",
        "request",
        "procurement",
        ["iot-connectivity"],
        ["tramuntana-telecom"],
        "Cerquem mòduls {tech} de baix consum per a {use}",
        "Necessitem uns {units} mòduls {tech} amb certificació CE/RED i bon comportament en interiors per a {use}. Valorem el consum en repòs, el suport a actualitzacions remotes i la disponibilitat de mostres en un mes.",
        [
            {"tech": "NB-IoT", "units": "15.000", "use": "comptadors d'aigua", "b": (60000, 90000)},
            {
                "tech": "LTE-M",
                "units": "5.000",
                "use": "rastrejadors de contenidors",
                "b": (40000, 60000),
            },
            {
                "tech": "LTE Cat-1",
                "units": "8.000",
                "use": "passarel·les de sensors agrícoles",
                "b": (60000, 100000),
            },
        ],
        cur="EUR",
        countries=["CN"],
        topic="iot-module",
    ),
    _B(
        "ca",
        "request",
        "technology",
        ["health-tech"],
        ["salut-connectada"],
        "Busquem dispositius de telemonitoratge de {measure} amb marcatge CE mèdic",
        "Per a un programa de seguiment de pacients crònics a l'atenció primària necessitem {units} dispositius de mesura de {measure} amb marcatge CE com a producte sanitari, connexió Bluetooth o mòbil i API per integrar les dades a la nostra plataforma. El programa comença amb una prova de sis mesos.",
        [
            {"measure": "la pressió arterial", "units": 500, "b": (30000, 50000)},
            {"measure": "la glucosa", "units": 300, "b": (40000, 70000)},
            {"measure": "la saturació d'oxigen", "units": 400, "b": (20000, 35000)},
        ],
        cur="EUR",
        countries=["CN", "DE"],
        topic="telehealth",
    ),
    _B(
        "ca",
        "request",
        "technology",
        ["agritech", "drones"],
        ["vinya-smart-agro"],
        "Cerquem drons de monitoratge multiespectral per a vinyes {place}",
        "Treballem amb cellers {place} i volem oferir-los vols multiespectrals per detectar estrès hídric i malalties com el míldiu. Busquem un proveïdor de drons i de programari d'anàlisi que generi mapes per parcel·la. Començaríem amb {ha} hectàrees aquesta campanya.",
        [
            {"place": "del Penedès", "ha": 400},
            {"place": "del Priorat", "ha": 250},
            {"place": "de la Terra Alta", "ha": 300},
        ],
        budget=(20000, 60000),
        cur="EUR",
        countries=["CN", "FR"],
        topic="agri-drone",
    ),
    _B(
        "ca",
        "offer",
        "commercial",
        ["smart-tourism", "digital-marketing"],
        ["costa-brava-turisme-digital"],
        "Campanyes per atraure turisme xinès {place}",
        "Dissenyem campanyes per atraure visitants xinesos {place}: contingut en xinès, presència a Xiaohongshu i WeChat i formació d'atenció al client per a hotels i restaurants. Cerquem agències de viatges i plataformes xineses amb qui crear paquets conjunts.",
        [
            {"place": "a la Costa Brava"},
            {"place": "al Pirineu de Girona"},
            {"place": "a Barcelona i el seu entorn"},
        ],
        countries=["CN"],
        topic="tourism",
    ),
    _B(
        "ca",
        "offer",
        "technology",
        ["digital-twin", "industrial-internet"],
        ["fabrica-bessona"],
        "Bessó digital de {asset}",
        "Creem el bessó digital de {asset} a partir de dades de planta i models de simulació, per provar canvis de producció abans d'aplicar-los. Un projecte tipus dura {weeks} setmanes. Busquem socis tecnològics amb plataformes d'Internet industrial per oferir solucions conjuntes.",
        [
            {"asset": "línies d'envasament", "weeks": 10},
            {"asset": "plantes de tractament d'aigües", "weeks": 14},
            {"asset": "magatzems automàtics", "weeks": 8},
        ],
        countries=["CN", "DE"],
        topic="iiot",
    ),
    _B(
        "ca",
        "request",
        "technology",
        ["industrial-internet", "smart-manufacturing"],
        ["reus-packaging-digital"],
        "Cerquem solució de {app} per a {n} línies d'envasament",
        "La nostra planta de Reus té {n} línies d'envasament amb autòmats de diferents fabricants. Volem implantar {app} amb connectors OPC UA i Modbus, quadres de comandament en català o castellà i allotjament a la UE. Pressupost per a la primera fase: {btxt}.",
        [
            {"app": "manteniment predictiu", "n": 6, "btxt": "60.000 €", "b": (50000, 60000)},
            {"app": "gestió energètica", "n": 6, "btxt": "35.000 €", "b": (30000, 35000)},
            {"app": "seguiment de l'OEE", "n": 4, "btxt": "25.000 €", "b": (20000, 25000)},
        ],
        cur="EUR",
        countries=["CN", "DE", "IT"],
        topic="iiot",
    ),
    _B(
        "ca",
        "offer",
        "commercial",
        ["cybersecurity"],
        ["eixample-ciberseguretat"],
        "Adequació a la directiva NIS2 per a {client}",
        "Acompanyem {client} en l'adequació a la directiva NIS2: anàlisi de riscos, pla de gestió d'incidents, formació de la direcció i servei de vigilància 24 hores. Projecte inicial de {weeks} setmanes amb preu tancat.",
        [
            {"client": "operadors logístics", "weeks": 8},
            {"client": "fabricants de components d'automoció", "weeks": 10},
            {"client": "empreses xineses establertes a Catalunya", "weeks": 6},
        ],
        countries=["CN", "ES"],
    ),
    _B(
        "ca",
        "request",
        "procurement",
        ["smart-buildings", "smart-energy"],
        ["edificis-eficients"],
        "Cerquem sistema de gestió energètica per a {n} {buildings}",
        "Gestionem l'energia de {n} {buildings} i volem desplegar un sistema de gestió tècnica amb controladors oberts (BACnet), submesurament i quadres de comandament per a cada client. Necessitem una solució escalable amb llicències assequibles i suport tècnic a Europa.",
        [
            {"n": 25, "buildings": "edificis d'oficines a Barcelona", "b": (180000, 300000)},
            {"n": 12, "buildings": "hotels de la costa", "b": (100000, 160000)},
            {"n": 8, "buildings": "centres educatius", "b": (50000, 90000)},
        ],
        cur="EUR",
        countries=["CN", "DE"],
        topic="bms",
    ),
    _B(
        "ca",
        "request",
        "commercial",
        ["automotive-sensors", "connected-vehicles"],
        ["valles-components"],
        "Busquem fabricant de {sensor} per a projectes d'automoció",
        "Preparem ofertes per a fabricants de vehicles i necessitem un proveïdor de {sensor} amb qualificació AEC-Q100 i certificació IATF 16949. Volum previst de {units} unitats l'any a partir de 2026. Demanem mostres i documentació tècnica abans de l'estiu.",
        [
            {"sensor": "sensors d'aparcament ultrasònics", "units": "200.000"},
            {"sensor": "radars de 77 GHz", "units": "50.000"},
            {
                "sensor": "xips d'interfície per a sensors de pressió de pneumàtics",
                "units": "300.000",
            },
        ],
        budget=(500000, 2000000),
        cur="EUR",
        countries=["CN", "DE"],
        topic="sensors",
    ),
    _B(
        "ca",
        "request",
        "partnership",
        ["smart-energy", "consumer-electronics", "cross-border-ecommerce"],
        ["barcelona-chamber-of-commerce"],
        "Missió empresarial a {city}: cerquem empreses catalanes de {sector}",
        "La Cambra organitza una missió empresarial a {city} el {when} i cerca empreses catalanes de {sector} interessades a reunir-se amb possibles socis xinesos. Oferim agenda de reunions prèviament concertades, intèrpret i acompanyament durant tota la missió.",
        [
            {
                "city": "Pequín",
                "sector": "energia intel·ligent",
                "when": "mes de maig",
                "sectors": ["smart-energy"],
            },
            {
                "city": "Shenzhen",
                "sector": "electrònica de consum",
                "when": "mes de juny",
                "sectors": ["consumer-electronics"],
            },
            {
                "city": "Hangzhou",
                "sector": "comerç electrònic",
                "when": "mes d'octubre",
                "sectors": ["cross-border-ecommerce"],
            },
        ],
        countries=["CN"],
    ),
    _B(
        "ca",
        "request",
        "procurement",
        ["enterprise-software", "cybersecurity", "cross-border-ecommerce"],
        ["catalonia-sme-association"],
        "Programa de digitalització de pimes: cerquem proveïdors de {what}",
        "En el marc d'un programa de digitalització per a pimes associades, cerquem proveïdors de {what} que ofereixin un paquet amb preu especial, formació en català i suport local. Les empreses participants podran contractar directament el servei.",
        [
            {"what": "programari de facturació electrònica", "sectors": ["enterprise-software"]},
            {"what": "ciberseguretat gestionada", "sectors": ["cybersecurity"]},
            {
                "what": "botigues en línia amb venda internacional",
                "sectors": ["cross-border-ecommerce"],
            },
        ],
        countries=["ES", "CN"],
    ),
    _B(
        "ca",
        "offer",
        "commercial",
        ["enterprise-software"],
        ["poblenou-hub"],
        "Oficines flexibles al 22@ per a {client}",
        "Oferim despatxos privats i llocs de coworking al districte 22@ de Barcelona per a {client}, amb domiciliació social, sales de reunions i recepció de correu. Contractes des d'{months} i preus a partir de {price} al mes per lloc de treball.",
        [
            {
                "client": "empreses xineses que arriben a Barcelona",
                "months": "un mes",
                "price": "320 €",
            },
            {"client": "empreses emergents de mobilitat", "months": "un mes", "price": "280 €"},
            {
                "client": "equips de projecte temporals",
                "months": "una setmana",
                "price": "350 €",
            },
        ],
        countries=["CN"],
    ),
    _B(
        "ca",
        "offer",
        "commercial",
        ["enterprise-software", "data-services"],
        ["rambla-lex"],
        "Assessorament jurídic per a {topic}",
        "El nostre despatx ofereix assessorament en {topic}, amb un equip que treballa en català, castellà, anglès i xinès. Primera consulta de {minutes} minuts sense cost i pressupost tancat per a cada fase.",
        [
            {"topic": "l'establiment de filials xineses a Catalunya", "minutes": 45},
            {"topic": "contractes de distribució amb socis xinesos", "minutes": 30},
            {"topic": "la protecció de dades en transferències internacionals", "minutes": 30},
        ],
        countries=["CN"],
        topic="compliance",
    ),
    _B(
        "ca",
        "request",
        "partnership",
        ["smart-mobility", "smart-city"],
        ["city-barcelona"],
        "Prova pilot municipal {topic}",
        "Barcelona cerca empreses de les ciutats sòcies de la iniciativa per fer una prova pilot {topic} en un barri de la ciutat durant {months} mesos. L'Ajuntament facilita l'espai, els permisos i les dades; l'empresa aporta l'equipament i n'assumeix el cost.",
        [
            {"topic": "de gestió intel·ligent de la càrrega i descàrrega", "months": 6},
            {"topic": "d'autobusos llançadora autònoms", "months": 9},
            {"topic": "de sensors de qualitat de l'aire", "months": 12},
        ],
        countries=["CN", "FR", "DE", "NL"],
        topic="av-testbed",
    ),
    _B(
        "ca",
        "offer",
        "partnership",
        ["smart-tourism", "edtech"],
        ["catalonia-beijing-association"],
        "Programa d'intercanvi {kind} entre Catalunya i Pequín",
        "L'associació coordina un programa d'intercanvi {kind} amb estades de {weeks} setmanes a Pequín i a Barcelona. Cerquem empreses i entitats que vulguin acollir participants o patrocinar el programa.",
        [
            {"kind": "de joves professionals", "weeks": 4},
            {"kind": "universitari", "weeks": 8},
            {"kind": "de gestors culturals", "weeks": 2},
        ],
        countries=["CN"],
    ),
    _B(
        "ca",
        "offer",
        "commercial",
        ["data-services"],
        ["mosaic-dades"],
        "Governança de dades per a {client}",
        "Ajudem {client} a ordenar les seves dades: inventari, qualitat, catàleg i polítiques d'accés, com a pas previ a projectes d'intel·ligència artificial. Projectes de {weeks} setmanes amb equips mixtos de negoci i tecnologia.",
        [
            {"client": "empreses industrials", "weeks": 8},
            {"client": "operadors logístics", "weeks": 6},
            {"client": "administracions locals", "weeks": 10},
        ],
        countries=["ES", "CN"],
    ),
    _B(
        "ca",
        "request",
        "technology",
        ["smart-logistics", "warehouse-automation"],
        ["delta-fred-logistica"],
        "Cerquem robots mòbils per preparar comandes al magatzem {site}",
        "Volem automatitzar la preparació de comandes al nostre magatzem {site} amb robots mòbils autònoms (AMR) que treballin al costat dels operaris. Necessitem {n} robots, integració amb el nostre SGA i funcionament a {temp}. Prova pilot de dos mesos abans de la compra.",
        [
            {"site": "de Tarragona", "n": 15, "temp": "temperatura ambient", "b": (300000, 450000)},
            {"site": "frigorífic de Valls", "n": 6, "temp": "2-8 °C", "b": (180000, 260000)},
            {"site": "de congelats de Reus", "n": 4, "temp": "-20 °C", "b": (150000, 220000)},
        ],
        cur="EUR",
        countries=["CN", "IT", "DE"],
        topic="forklift",
    ),
    _B(
        "ca",
        "request",
        "commercial",
        ["cross-border-ecommerce", "digital-marketing"],
        ["mercat-obert-digital"],
        "Cerquem agència de {service} per vendre productes catalans a la Xina",
        "Volem reforçar la presència dels nostres productors a la Xina i cerquem una agència de {service} amb experiència en marques europees d'alimentació. Pressupost inicial de {btxt} per a una campanya de tres mesos.",
        [
            {"service": "comerç en directe", "btxt": "30.000 €", "b": (25000, 30000)},
            {"service": "màrqueting amb influenciadors", "btxt": "20.000 €", "b": (15000, 20000)},
            {
                "service": "gestió de botigues a Tmall Global",
                "btxt": "45.000 €",
                "b": (40000, 45000),
            },
        ],
        cur="EUR",
        countries=["CN"],
        topic="china-market",
    ),
]

_EN = [
    _B(
        "en",
        "offer",
        "technology",
        ["smart-grid", "digital-twin"],
        ["lanfeng-grid"],
        "Distribution-grid digital twin for {client}",
        "Our digital twin models the medium- and low-voltage network of {client} from GIS and smart-meter data and predicts overloads and outages up to 48 hours ahead. Deployment takes about {weeks} weeks and can run on the customer's own servers. We are looking for a first European reference customer and offer the pilot at cost.",
        [
            {"client": "regional distribution system operators", "weeks": 12},
            {"client": "industrial parks with private networks", "weeks": 6},
            {"client": "port authorities", "weeks": 8},
        ],
        countries=["ES", "DE", "GB"],
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["automotive-sensors", "autonomous-driving"],
        ["guangmu-lidar"],
        "{range} m solid-state lidar for {use}",
        "Our solid-state lidar offers a {range} m detection range at 10 % reflectivity, a {fov} field of view and an automotive-grade design (AEC-Q qualified components). It ships with a ROS 2 driver and a perception SDK. Evaluation kits are available for {use} projects in Europe.",
        [
            {"range": 200, "use": "passenger cars", "fov": "120° × 25°"},
            {"range": 150, "use": "robotaxis and shuttles", "fov": "180° × 30°"},
            {"range": 80, "use": "industrial vehicles and AGVs", "fov": "270° × 40°"},
        ],
        countries=["DE", "FR", "ES"],
        topic="sensors",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["port-logistics", "computer-vision"],
        ["haitong-port"],
        "Computer-vision {product} for container terminals",
        "Haitong's {product} reads container numbers, ISO codes and seals and {extra}, with over 99 % recognition accuracy in our reference terminals. The system runs on edge servers at the gate and integrates with common terminal operating systems. We offer a three-month pilot on one lane, including installation.",
        [
            {
                "product": "gate automation",
                "extra": "pre-fills the gate transaction for the truck driver",
            },
            {
                "product": "container damage inspection",
                "extra": "flags dents, holes and door damage with photo evidence",
            },
            {
                "product": "quay crane OCR",
                "extra": "confirms every move to the yard system in real time",
            },
        ],
        countries=["ES", "NL", "IT"],
        topic="port-cv",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["smart-logistics", "cloud-computing"],
        ["huozhan-cloud"],
        "Multilingual transport management SaaS for {client}",
        "Huozhan TMS covers order intake, route planning, carrier tendering and proof of delivery for {client}. The interface is available in English, Spanish, Chinese and Polish, and data is hosted in the EU. Pricing starts at {price} per month; onboarding takes {weeks} weeks.",
        [
            {"client": "mid-sized road hauliers", "price": "€900", "weeks": 3},
            {"client": "freight forwarders", "price": "€1,400", "weeks": 4},
            {"client": "e-commerce fulfilment centres", "price": "€1,100", "weeks": 3},
        ],
        countries=["ES", "PL", "DE"],
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["speech-language", "ai-large-models"],
        ["shuyan-translate"],
        "Real-time speech translation for {use}",
        "Shuyan provides real-time speech translation between Chinese, English, Spanish and Catalan for {use}, with live subtitles on screen or in a mobile app. Custom glossaries for company and product names can be loaded in advance. Typical latency is below {lat} seconds.",
        [
            {"use": "B2B meetings and trade fairs", "lat": 2},
            {"use": "conferences and forums", "lat": 3},
            {"use": "customer-service calls", "lat": "1.5"},
        ],
        countries=["ES", "FR", "DE"],
        topic="speech",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["satellite-communications", "value-added-telecom"],
        ["xinghai-satcom"],
        "Satellite connectivity terminals for {use}",
        "Flat-panel satellite terminals and managed airtime for {use}, offering up to {speed} Mbit/s and remote management from a single portal. Service contracts include 24/7 support in English and Chinese. We are looking for European resellers and system integrators.",
        [
            {"use": "fishing and cargo vessels", "speed": 100},
            {"use": "remote solar and wind sites", "speed": 50},
            {"use": "emergency-response vehicles", "speed": 80},
        ],
        countries=["ES", "PT", "GR"],
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["iot-connectivity", "consumer-electronics"],
        ["sanyuan-iot"],
        "{module} modules with CE/RED certification for European OEMs",
        "Sanyuan's {module} modules come pre-certified for CE/RED and major European operators, in an industrial temperature range of -40 to +85 °C. Samples ship within two weeks and long-term availability is guaranteed for {years} years. Volume pricing from {price} per unit at 10,000 units.",
        [
            {"module": "5G RedCap", "years": 7, "price": "$18"},
            {"module": "LTE Cat-1", "years": 8, "price": "$6.50"},
            {"module": "NB-IoT/LTE-M", "years": 10, "price": "$4.20"},
        ],
        cur="USD",
        countries=["ES", "DE", "SE"],
        topic="iot-module",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["robotics", "smart-manufacturing"],
        ["ruoshui-robotics"],
        "Vision-guided picking cell for {industry}",
        "Our turnkey cell combines a collaborative robot arm, 3D vision and gripper for {task} in {industry}, picking up to {rate} items per hour. Cells can be installed in two days and programmed without code. We are looking for system integrators in Europe to distribute and service the cells.",
        [
            {"industry": "electronics assembly", "task": "tray-to-tray handling", "rate": "1,200"},
            {
                "industry": "food packaging",
                "task": "pick-and-place of wrapped products",
                "rate": "1,800",
            },
            {
                "industry": "pharmaceutical logistics",
                "task": "order picking of small boxes",
                "rate": 900,
            },
        ],
        countries=["IT", "DE", "ES"],
        topic="cobots",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["smart-buildings", "iot-connectivity"],
        ["louyu-buildings"],
        "Building energy management system for {client}",
        "Louyu's BACnet-compatible controllers and cloud dashboard give {client} room-level control and sub-metering, typically saving 15-25 % of HVAC energy. Licensing is per building with no per-user fees, and the interface is available in English, Spanish and Catalan. We are looking for energy service companies to partner with.",
        [
            {"client": "office buildings"},
            {"client": "hotels"},
            {"client": "schools and universities"},
        ],
        countries=["ES", "PT"],
        topic="bms",
    ),
    _B(
        "en",
        "offer",
        "commercial",
        ["edtech", "speech-language"],
        ["shuxiang-learning"],
        "Chinese-language learning app for {audience}",
        "Shuxiang's app teaches Mandarin to {audience} with AI pronunciation feedback and short daily lessons adapted to Spanish and Catalan speakers. We offer group licences from {price} per learner per year and a dashboard for teachers or HR departments.",
        [
            {"audience": "secondary-school students", "price": "€25"},
            {"audience": "employees of companies trading with China", "price": "€60"},
            {"audience": "hotel and retail staff serving Chinese visitors", "price": "€40"},
        ],
        countries=["ES"],
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["semiconductors", "automotive-sensors"],
        ["guixin-micro"],
        "Automotive-grade {chip}",
        "Guixin's {chip} is AEC-Q100 Grade 1 qualified and produced in an IATF 16949 certified supply chain. Reference designs and functional-safety documentation are available. We are seeking Tier-1 and Tier-2 suppliers in Europe for design-in projects starting in 2025.",
        [
            {"chip": "tyre-pressure sensor interface chip"},
            {"chip": "ultrasonic parking-sensor driver IC"},
            {"chip": "power-management IC for domain controllers"},
        ],
        countries=["DE", "ES", "FR"],
        topic="sensors",
    ),
    _B(
        "en",
        "request",
        "partnership",
        ["digital-content", "speech-language"],
        ["manyou-games"],
        "Seeking {partner} for the European launch of our mobile game",
        "We are preparing the European launch of a casual puzzle game with over two million players in Asia. We are looking for {partner} with experience in {markets}. The launch is planned for the second half of 2025.",
        [
            {
                "partner": "a localisation studio",
                "markets": "localising game text and voice-over into Spanish, French, German and Italian",
            },
            {
                "partner": "an influencer marketing agency",
                "markets": "working with gaming creators in Spain and Portugal",
            },
            {"partner": "a co-publisher", "markets": "running user acquisition in Western Europe"},
        ],
        budget=(80000, 300000),
        cur="USD",
        countries=["ES", "IE", "FR"],
        topic="localisation",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["space-tech", "agritech"],
        ["qiongyu-space"],
        "Earth-observation data for {use}",
        "Qiongyu delivers optical satellite imagery at {res} m resolution with revisits every {revisit} days, processed into ready-to-use indicators for {use}. Data is delivered through an API or as GIS layers. We seek European distributors and value-added resellers.",
        [
            {"use": "crop monitoring", "res": "0.8", "revisit": 2},
            {"use": "infrastructure and pipeline monitoring", "res": "0.5", "revisit": 3},
            {"use": "coastal and port change detection", "res": "1", "revisit": 1},
        ],
        cur="USD",
        countries=["ES", "FR", "PT"],
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["quantum", "cybersecurity"],
        ["chaoyu-quantum"],
        "Quantum random-number generator for {use}",
        "Our PCIe and network-attached quantum random-number generators deliver {rate} of certified entropy for {use}. They are easy to integrate with existing HSMs and key-management systems. We are looking for pilot customers and security integrators in Europe.",
        [
            {"use": "banks and payment processors", "rate": "1 Gbit/s"},
            {"use": "utilities and critical infrastructure", "rate": "400 Mbit/s"},
            {"use": "online gaming and lotteries", "rate": "200 Mbit/s"},
        ],
        countries=["DE", "ES", "NL"],
    ),
    _B(
        "en",
        "request",
        "procurement",
        ["connected-vehicles", "iot-connectivity"],
        ["neckar-fleet"],
        "Looking for {product} for our fleet telematics platform",
        "We manage about 40,000 commercial vehicles in Germany and Austria and plan to roll out {product} in 2025. Requirements: E-mark and CE certification, remote firmware updates and an open API. Expected volume: {units} units over two years.",
        [
            {"product": "LTE Cat-1 telematics boxes", "units": "25,000", "b": (1500000, 2500000)},
            {"product": "C-V2X on-board units", "units": "5,000", "b": (800000, 1200000)},
            {"product": "driver-monitoring cameras", "units": "10,000", "b": (1200000, 1800000)},
        ],
        cur="EUR",
        countries=["CN", "DE"],
        topic="iot-module",
    ),
    _B(
        "en",
        "request",
        "procurement",
        ["energy-storage", "smart-grid"],
        ["elbe-speicherwerk"],
        "Seeking LFP battery container supplier for a {mw} MW project in {place}",
        "We are tendering the battery system for a {mw} MW / {mwh} MWh grid-scale storage project in {place}, with commissioning planned for {when}. Scope: LFP containers, PCS, EMS and a long-term service agreement. Suppliers need IEC 62619 / UL 9540A test reports and European project references.",
        [
            {
                "mw": 50,
                "mwh": 100,
                "place": "Schleswig-Holstein",
                "when": "Q2 2026",
                "b": (25000000, 32000000),
            },
            {
                "mw": 20,
                "mwh": 40,
                "place": "Lower Saxony",
                "when": "Q4 2025",
                "b": (10000000, 13000000),
            },
            {
                "mw": 100,
                "mwh": 200,
                "place": "Mecklenburg-Western Pomerania",
                "when": "2027",
                "b": (48000000, 60000000),
            },
        ],
        cur="EUR",
        countries=["CN", "KR", "US"],
        topic="storage",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["industrial-internet", "digital-twin"],
        ["isar-maschinendaten"],
        "OEE analytics retrofit for {machines}",
        "We retrofit {machines} with a plug-in data box and deliver OEE, downtime and energy dashboards within {days} days, without touching the PLC programme. The software runs on-premises or in a German cloud. We are looking for partners who can bring the solution to machine users in China and Spain.",
        [
            {"machines": "injection-moulding machines", "days": 5},
            {"machines": "CNC machining centres", "days": 7},
            {"machines": "packaging lines", "days": 10},
        ],
        countries=["CN", "ES"],
        topic="iiot",
    ),
    _B(
        "en",
        "request",
        "procurement",
        ["autonomous-driving", "smart-mobility"],
        ["rhone-mobilite", "poblenou-mobility-lab", "rhone-mobilite"],
        "Autonomous shuttle vehicles for a {where} pilot",
        "We are preparing a {months}-month autonomous shuttle pilot {at} and are looking for a vehicle supplier able to provide {n} Level-4 shuttles with remote supervision. The supplier should support the homologation file under EU Regulation 2022/1426 and train local safety operators.",
        [
            {
                "where": "business-park",
                "at": "in a business park near Lyon",
                "months": 12,
                "n": 3,
                "b": (900000, 1400000),
            },
            {
                "where": "Barcelona 22@ district",
                "at": "in Barcelona's 22@ district",
                "months": 9,
                "n": 2,
                "b": (500000, 900000),
            },
            {
                "where": "hospital-campus",
                "at": "on a hospital campus in Villeurbanne",
                "months": 6,
                "n": 2,
                "b": (400000, 700000),
            },
        ],
        cur="EUR",
        countries=["CN", "FR", "DE"],
        topic="shuttle",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["satellite-communications", "agritech"],
        ["garonne-spatial"],
        "Satellite data services for {client}",
        "We turn satellite radar and optical data into weekly reports for {client}: {detail}. Data products are delivered via API and web dashboard. We are looking for partners in Spain and China to co-develop local versions.",
        [
            {
                "client": "crop insurers",
                "detail": "drought and hail damage assessment at parcel level",
            },
            {
                "client": "water utilities",
                "detail": "reservoir levels and leak detection on rural networks",
            },
            {"client": "railway operators", "detail": "ground-movement monitoring along tracks"},
        ],
        countries=["ES", "CN"],
    ),
    _B(
        "en",
        "request",
        "procurement",
        ["robotics", "smart-manufacturing"],
        ["lombardia-robotica"],
        "Seeking supplier of {product} for {industry} projects",
        "As a system integrator we build about 40 robotic cells a year for {industry} plants in northern Italy. We are looking for a reliable supplier of {product} with CE marking, European spare-parts stock and Italian or English documentation. Annual volume: {units} units.",
        [
            {
                "product": "collaborative robot arms (5-10 kg payload)",
                "industry": "food and beverage",
                "units": 60,
                "b": (900000, 1300000),
            },
            {
                "product": "3D vision sensors for bin picking",
                "industry": "pharmaceutical",
                "units": 40,
                "b": (250000, 400000),
            },
            {
                "product": "vacuum and soft grippers",
                "industry": "packaging",
                "units": 150,
                "b": (120000, 200000),
            },
        ],
        cur="EUR",
        countries=["CN", "DE", "JP"],
        topic="cobots",
    ),
    _B(
        "en",
        "request",
        "technology",
        ["cold-chain", "iot-connectivity"],
        ["adriatica-freddo"],
        "Cold-chain monitoring for {n} {asset}",
        "We want to replace paper and USB temperature loggers in our {n} {asset} with connected sensors that send alarms in real time and produce audit-ready reports for retailers. We need Italian-language reports, a battery life of at least three months and an API for our WMS.",
        [
            {"n": 120, "asset": "refrigerated trucks", "b": (50000, 80000)},
            {"n": 40, "asset": "cold rooms", "b": (20000, 35000)},
            {"n": 600, "asset": "returnable insulated boxes", "b": (60000, 90000)},
        ],
        cur="EUR",
        countries=["CN", "DE"],
        topic="coldchain-iot",
    ),
    _B(
        "en",
        "request",
        "procurement",
        ["ev-charging", "smart-grid"],
        ["polder-charge"],
        "Seeking DC charger hardware partner for {use}",
        "Our smart-charging software manages more than 3,000 charge points in the Benelux. For {use} we need a hardware partner for {power} kW DC chargers with OCPP 2.0.1, ISO 15118 Plug & Charge and MID-compliant metering. First order: {units} units in 2025.",
        [
            {"use": "office car parks", "power": 50, "units": 80, "b": (1200000, 1800000)},
            {"use": "electric bus depots", "power": 150, "units": 30, "b": (1500000, 2200000)},
            {"use": "logistics hubs", "power": 240, "units": 20, "b": (1400000, 2000000)},
        ],
        cur="EUR",
        countries=["CN", "DE"],
        topic="charging",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["port-logistics", "data-services"],
        ["maasport-data"],
        "Container ETA prediction for {client}",
        "Our machine-learning models predict vessel and container arrival times for {client} with a median error under {err} hours, using AIS, terminal and customs data. Results are available through an API or integrated into existing planning tools. We want to extend coverage to Mediterranean and Chinese ports with local partners.",
        [
            {"client": "terminal operators", "err": 3},
            {"client": "freight forwarders", "err": 6},
            {"client": "hinterland rail operators", "err": 4},
        ],
        countries=["ES", "CN", "IT"],
    ),
    _B(
        "en",
        "offer",
        "commercial",
        ["cloud-computing", "data-centres"],
        ["atlantico-cloud"],
        "EU-hosted cloud in Lisbon for {client}",
        "Atlântico offers virtual servers, object storage and colocation in two Lisbon data centres for {client}, with data kept in the EU and support in Portuguese, Spanish and English. {extra} We are looking for Chinese software vendors that need an EU hosting partner.",
        [
            {
                "client": "SaaS providers entering Europe",
                "extra": "A GDPR data-processing agreement is included.",
            },
            {
                "client": "AI start-ups",
                "extra": "GPU instances are available on monthly contracts.",
            },
            {
                "client": "e-commerce platforms",
                "extra": "A CDN with points of presence in Iberia is included.",
            },
        ],
        countries=["CN", "ES"],
    ),
    _B(
        "en",
        "offer",
        "commercial",
        ["cross-border-ecommerce", "smart-logistics"],
        ["wisla-commerce"],
        "Fulfilment and returns hub in Poland for sellers targeting {markets}",
        "Our 30,000 m² warehouse near Warsaw handles storage, pick-and-pack and returns for marketplace sellers shipping to {markets}, with next-day delivery to {reach}. Chinese-speaking account managers are available. Pricing from €0.90 per order plus storage.",
        [
            {"markets": "Germany and Central Europe", "reach": "most of Germany"},
            {"markets": "the Baltic states", "reach": "Vilnius and Riga"},
            {"markets": "Czechia and Slovakia", "reach": "Prague and Bratislava"},
        ],
        countries=["CN"],
        topic="overseas-warehouse",
    ),
    _B(
        "en",
        "request",
        "partnership",
        ["smart-grid", "ai-large-models"],
        ["fenland-grid"],
        "Data partnership for {topic}",
        "We are looking for a partner with operational data for {topic} to co-develop and validate forecasting models. We offer free access to the resulting forecasts for two years and joint publication of results. Data can stay on the partner's premises using federated training.",
        [
            {"topic": "solar generation in southern Europe"},
            {"topic": "EV charging demand in city centres"},
            {"topic": "battery storage degradation"},
        ],
        countries=["ES", "CN", "DE"],
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["iot-connectivity", "value-added-telecom"],
        ["kattegat-iot"],
        "Managed eSIM connectivity for {client}",
        "Kattegat provides eSIM-based IoT connectivity with remote profile switching across 180 countries for {client}. A single contract covers Europe and China roaming, with a self-service portal and usage alerts. Pricing from {price} per device per month.",
        [
            {"client": "industrial equipment makers", "price": "€0.90"},
            {"client": "micromobility operators", "price": "€1.20"},
            {"client": "medical device manufacturers", "price": "€1.50"},
        ],
        countries=["CN", "ES", "DE"],
        topic="iot-connectivity",
    ),
    _B(
        "en",
        "offer",
        "commercial",
        ["speech-language", "digital-content"],
        ["liffey-language", "babel-bridge-localisation", "liffey-language"],
        "Localisation of {content} from Chinese into European languages",
        "We localise {content} from Chinese into English, Spanish, French, German and Italian, with native linguists, in-context review and linguistic testing. {extra} Typical turnaround for 50,000 words is {weeks} weeks.",
        [
            {
                "content": "mobile games",
                "extra": "Voice-over casting is available in Dublin and Madrid.",
                "weeks": 3,
            },
            {
                "content": "software and apps",
                "extra": "We work directly in your repository or TMS.",
                "weeks": 2,
            },
            {
                "content": "marketing and e-commerce listings",
                "extra": "SEO keyword research for each market is included.",
                "weeks": 2,
            },
        ],
        countries=["CN"],
        topic="localisation",
    ),
    _B(
        "en",
        "request",
        "technology",
        ["green-tech", "data-services"],
        ["donau-carbon"],
        "Looking for software to collect carbon data from Chinese suppliers of {product}",
        "Our clients import {product} from China and must report embedded emissions under the EU CBAM. We are looking for a software partner that collects installation-level emissions data from Chinese suppliers in Chinese and converts it into CBAM-compliant reports in English.",
        [
            {"product": "steel fasteners"},
            {"product": "aluminium profiles"},
            {"product": "nitrogen fertilisers"},
        ],
        budget=(20000, 60000),
        cur="EUR",
        countries=["CN"],
        topic="cbam",
    ),
    _B(
        "en",
        "offer",
        "commercial",
        ["enterprise-software", "cross-border-ecommerce"],
        ["service-base-barcelona"],
        "Soft-landing package in Barcelona for {client}",
        "The European centre in Barcelona offers {client} a soft-landing package: {detail}, introductions to Catalan and Spanish partners, and desk space for up to {months} months. Services are delivered in Chinese, English, Spanish and Catalan.",
        [
            {
                "client": "Beijing digital-economy enterprises",
                "detail": "company set-up guidance with partner law and tax firms",
                "months": 6,
            },
            {
                "client": "Beijing start-ups testing the European market",
                "detail": "market-validation interviews with potential customers",
                "months": 3,
            },
            {
                "client": "Beijing enterprises preparing trade-fair participation",
                "detail": "booth logistics and pre-arranged B2B meetings",
                "months": 2,
            },
        ],
        countries=["CN"],
    ),
    _B(
        "en",
        "request",
        "partnership",
        ["ai-large-models", "data-services", "value-added-telecom"],
        ["china-europe-digital-association"],
        "Call for case studies: China–Europe cooperation in {topic}",
        "The association is collecting case studies of successful China–Europe cooperation in {topic} for its 2025 report and a dedicated session at the next forum. Selected companies will present their case to an audience of investors and public agencies. Submissions should be two pages in English.",
        [
            {"topic": "AI large models", "sectors": ["ai-large-models"]},
            {"topic": "data spaces and data services", "sectors": ["data-services"]},
            {"topic": "value-added telecom services", "sectors": ["value-added-telecom"]},
        ],
        countries=["CN", "ES", "DE", "FR", "IT"],
    ),
    _B(
        "en",
        "request",
        "procurement",
        ["warehouse-automation", "autonomous-driving"],
        ["almacenes-llobregat", "wisla-commerce", "adriatica-freddo"],
        "Autonomous forklift pilot for {site}",
        "We are looking for a supplier of autonomous forklifts for a pilot at {site}, handling {task}. The supplier should provide fleet-management software, integration with our WMS and on-site support during the first three months. If the pilot succeeds we plan to scale to {n} vehicles.",
        [
            {
                "site": "our Barcelona airport warehouse",
                "task": "pallet moves between receiving and high-bay storage",
                "n": 25,
                "b": (300000, 1200000),
            },
            {
                "site": "our Warsaw fulfilment centre",
                "task": "pallet replenishment of pick faces",
                "n": 15,
                "b": (250000, 800000),
            },
            {
                "site": "our Bologna cold store",
                "task": "pallet moves at +2 °C",
                "n": 10,
                "b": (200000, 600000),
            },
        ],
        cur="EUR",
        countries=["CN", "DE"],
        topic="forklift",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["warehouse-automation", "robotics"],
        ["hangyun-robotics"],
        "Autonomous forklifts with fleet management for {client}",
        "Hangyun's autonomous forklifts navigate with laser SLAM, need no floor markers and are CE-marked according to ISO 3691-4. Our fleet software assigns tasks, manages charging and integrates with SAP EWM and other WMS. We offer {client} a {months}-month pilot with a Barcelona-based support team.",
        [
            {"client": "European third-party logistics providers", "months": 3},
            {"client": "automotive plants", "months": 4},
            {"client": "cold-storage operators", "months": 3},
        ],
        countries=["ES", "PL", "IT", "DE"],
        topic="forklift",
    ),
    _B(
        "en",
        "offer",
        "technology",
        ["ev-charging", "energy-storage"],
        ["beichen-charging"],
        "Battery-buffered fast chargers for {site}",
        "Beichen's battery-buffered DC chargers deliver up to {power} kW from a standard {grid} grid connection, avoiding costly grid upgrades at {site}. Units are CE-marked, support OCPP 2.0.1 and can be managed from any OCPP-compliant back end.",
        [
            {"site": "supermarket car parks", "power": 160, "grid": "50 kW"},
            {"site": "rural motorway rest areas", "power": 320, "grid": "100 kW"},
            {"site": "bus and truck depots", "power": 400, "grid": "150 kW"},
        ],
        countries=["ES", "NL", "DE"],
        topic="charging",
    ),
]


def _iter_blocks():
    return [*_ZH, *_ES, *_CA, *_EN]


_DEFAULT_CURRENCY = {"CN": "CNY"}


def build_opportunities():
    """Instantiate all blocks. Returns (opportunities, counterpart pairs)."""
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    opportunities = []
    topics = []
    for block in _iter_blocks():
        for i, variant in enumerate(block["variants"]):
            owner = block["owners"][i % len(block["owners"])]
            org = ORG_BY_KEY[owner]
            n = len(opportunities) + 1
            matchable = block["topic"] is not None and i == 0
            roll = rng.random()
            if matchable or roll < 0.84:
                status = "published"
            elif roll < 0.93:
                status = "draft"
            else:
                status = "closed"
            roll = rng.random()
            if matchable or roll < 0.82:
                visibility = "public"
            elif roll < 0.95:
                visibility = "network"
            else:
                visibility = "private"
            if status == "closed":
                deadline = -rng.choice([3, 10, 21, 45])
            elif block["kind"] == "request":
                deadline = rng.choice([14, 21, 30, 45, 60, 90, 120])
                if not matchable and rng.random() < 0.06:
                    deadline = -rng.choice([1, 2, 5])
            else:
                deadline = rng.choice([None, None, 60, 90, 180, 365])
            budget = variant.get("b", block["budget"])
            currency = block["cur"] or _DEFAULT_CURRENCY.get(org["country"], "EUR")
            countries = block["countries"] or (["ES"] if org["country"] == "CN" else ["CN"])
            countries = [c for c in countries if c != org["country"]] or ["CN"]
            opportunities.append(
                {
                    "key": f"opp-{n:03d}",
                    "owner": owner,
                    "kind": block["kind"],
                    "category": block["cat"],
                    "title": block["title"].format(**variant),
                    "description": block["desc"].format(**variant),
                    "language": block["lang"],
                    "sectors": list(variant.get("sectors", block["sectors"])),
                    "target_countries": countries,
                    "budget_min": budget[0] if budget else None,
                    "budget_max": budget[1] if budget else None,
                    "currency": currency,
                    "deadline_days": deadline,
                    "status": status,
                    "visibility": visibility,
                    "typical": False,
                }
            )
            topics.append(block["topic"])

    # About 30 typical solutions for the operator's showcase, one per leading sector first.
    seen = set()
    typical = []
    for opp in opportunities:
        if len(typical) >= 30:
            break
        if (
            opp["kind"] == "offer"
            and opp["status"] == "published"
            and opp["visibility"] == "public"
        ):
            if opp["sectors"][0] not in seen:
                seen.add(opp["sectors"][0])
                typical.append(opp)
    for opp in opportunities:
        if len(typical) >= 30:
            break
        if (
            opp["kind"] == "offer"
            and opp["status"] == "published"
            and opp["visibility"] == "public"
            and opp not in typical
            and sum(t["owner"] == opp["owner"] for t in typical) == 0
        ):
            typical.append(opp)
    for opp in typical:
        opp["typical"] = True

    # Cross-lingual request/offer pairs on the same topic, both published and public.
    def listed(o):
        return o["status"] == "published" and o["visibility"] == "public"

    pairs = []
    for a, ta in zip(opportunities, topics, strict=True):
        if ta is None or a["kind"] != "request" or not listed(a):
            continue
        for b, tb in zip(opportunities, topics, strict=True):
            if tb == ta and b["kind"] == "offer" and b["language"] != a["language"] and listed(b):
                pairs.append((a["key"], b["key"]))
    return opportunities, pairs


OPPORTUNITIES, COUNTERPART_PAIRS = build_opportunities()

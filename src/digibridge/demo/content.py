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

# Opportunities: work in progress (filled in the next commit).
OPPORTUNITIES: list[dict] = []

"""Small stop-word lists, one per language, for the framing comparison.

Written by hand for this module (not copied from a corpus list): function
words, pronouns, auxiliaries, the commonest news filler (days, "said") and, for
Arabic, the clitic-joined forms that simplemma does not reduce.  They only have
to keep function words out of the distinctive-word lists, so they are short on
purpose; a word missing here costs one noisy row, a content word wrongly here
costs a real signal.

For Chinese the list holds *characters*: text is cut into chunks at most of them,
and a word made only of them is dropped (see :func:`babelwire.compare.words.cjk_words`).
"""

from __future__ import annotations

_RAW: dict[str, str] = {
    "en": """
        a an the and or but nor of to in on at by for with from into onto over under about after before
        as than that this these those there here it its it's he she they them their his her him we our us
        you your i me my is are was were be been being am has have had having do does did done will would
        shall should can could may might must not no yes so if then also too very just only more most
        which who whom whose what when where why how all any each both some such other another own same
        up down out off again further once during while between through against among per via
        said says say saying told tell according mr mrs ms dr
        monday tuesday wednesday thursday friday saturday sunday today yesterday year years week month
    """,
    "fr": """
        le la les l un une des du de d au aux et ou mais donc or ni car que qu qui quoi dont où ce cet
        cette ces c il elle ils elles on nous vous je j me m te t se s lui leur leurs son sa ses mon ma mes
        ton ta tes notre nos votre vos y en ne n pas plus moins très aussi être est sont était été sera
        avoir a ont avait eu fait faire dans sur sous pour par avec sans entre vers chez après avant
        pendant depuis comme si tout tous toute toutes autre autres même selon dit déclaré déclarer dire
        lundi mardi mercredi jeudi vendredi samedi dimanche an ans année à lors ayant
    """,
    "es": """
        el la los las lo un una unos unas y o u e pero ni que quien quienes cual cuales cuyo de del al a en
        con sin por para sobre entre hasta desde hacia tras ante bajo se su sus mi mis tu tus nuestro
        nuestra le les me te nos os él ella ellos ellas yo tú usted es son era fue ser estar está están
        ha han había haber hay no sí más menos muy también como si ya este esta estos estas ese esa eso
        esos esas aquel todo todos toda todas otro otra otros otras dijo decir según lunes martes
        miércoles jueves viernes sábado domingo año años
    """,
    "de": """
        der die das den dem des ein eine einen einem einer eines und oder aber doch denn sondern dass daß
        wie als wenn ob weil zu zum zur von vom mit bei nach aus an am auf in im um für über unter vor
        hinter neben zwischen durch gegen ohne seit bis er sie es wir ihr ich du man sich sein seine
        seiner seinen seinem ihre ihren ihrem ihrer unser unsere ist sind war waren sei wird werden wurde
        wurden worden hat haben hatte hatten habe kann können soll sollen muss müssen nicht kein keine
        auch noch nur schon sehr mehr so dies diese dieser dieses diesem jene alle alles andere anderen
        sagte sagen sagt erklärte laut montag dienstag mittwoch donnerstag freitag samstag sonntag jahr
    """,
    "ru": """
        и в во не что он она оно они на я с со как а то все всё так его её ее их но да ты к у же вы за бы по
        только мне было вот от меня еще ещё нет о об из ему теперь когда даже ну ли если уже или ни быть был ранее
        была были было будет будут есть этот эта это эти того этого этой этих тот та те который которая
        которые которых для при до после между через под над без также тоже чтобы где там тут свой своей
        своих свои себя сам мы нас нам наш ваш им ей ним ней заявил заявила заявить сказал сказала
        сказать сообщил сообщила по словам понедельник вторник среда четверг пятница суббота воскресенье год году года
    """,
    "ar": """
        في من إلى الى على عن مع و أو او ثم أن إن ان أنه إنه أنها إنها لا لم لن ما ماذا هذا هذه ذلك تلك هؤلاء
        الذي التي الذين اللذين هو هي هم هن نحن أنا أنت كان كانت يكون تكون كانوا قد لقد كل بعض غير بين
        حتى بعد قبل خلال عند عندما حيث أي أيضا أيضًا كما لكن ولكن بل إذا اذا منذ نحو دون ضد عبر لدى
        فيما بينما وفي ومن وإلى وعلى وعن ومع وأن وإن ولا ولم وقد وكان وكانت وهو وهي فإن بأن لأن كذلك
        قال قالت وقال وقالت يقول تقول أضاف وأضاف وأضافت يوم اليوم أمس عام العام سنة السنة
        الاثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد أكثر أقل
    """,
    "sw": """
        na ya wa la za kwa katika kwenye ni si kama lakini au pia hata bado tu sana hii hiyo huo hilo hizo
        haya hayo huu yule ile hicho kile hao wao yeye mimi sisi nyinyi wewe kwamba ambao ambayo ambaye
        ambapo ambacho ili kuwa kutoka hadi tangu baada kabla wakati zaidi mbali mwingine wengine wote
        yote kila cha vya pa mwa huko hapa pale sasa tena ndani nje juu chini kati kuhusu dhidi bila
        alisema amesema walisema wamesema akisema sema aliongeza akiongeza kulingana
        jumatatu jumanne jumatano alhamisi ijumaa jumamosi jumapili mwaka siku
        wake yake zake lake chake vyake kwake mwake wao yao zao lao chao vyao kwao huyo hizi
    """,
    "ha": """
        da a na ta ya ga ba ce cewa wanda wadda waɗanda wannan waccan wancan waɗannan shi ita su mu ku ni
        kai ke sun suka mun muka kuma amma ko don domin saboda idan tun har daga zuwa game akan kan cikin
        wajen tare duk kowa kowane wani wata wasu ne ne ce ba babu sai an aka za zai zata zasu yi yake
        take suke in ji inji yace tace litinin talata laraba alhamis juma'a asabar lahadi shekara
        wa bayan kafin
    """,
    "yo": """
        ati àti àti sì si ni ní kí ki pé pe fún fun sí ti tí láti lati lórí lori nínú ninu pẹ̀lú pelu
        wọ́n won ó o à a èmi emi ìwọ iwo òun oun àwa awa àwọn awon rẹ̀ re wa yìí yii yẹn naa náà kan
        gbogbo tàbí tabi ṣùgbọ́n sugbon nítorí nitori bí bi máa maa yóò yoo kò ko sọ so wí wi
        tó to bá ba jẹ́ je
    """,
    "so": """
        iyo ee oo ka ku u la soo waxa wuxuu waxay ayaa ayuu ayay in uu ay waa ah aan ma mid kale kasta
        dhammaan inta markii kadib ka dib kahor ilaa xagga sida laakiin ama hadii haddii isaga iyada
        iyaga anaga annaga adiga aniga sheegay yiri tiri sheegtay isniin talaado arbaco khamiis jimco balse
        sabti axad sanad inay inuu laga lagu loo iyadoo isagoo
    """,
    "am": """
        እና ወይም ግን ነው ናቸው ነበር ነበሩ ይህ ይህን ያ ያን እነዚህ እነዚያ እሱ እሷ እነሱ እኔ እኛ አንተ ከ ለ በ ወደ
        ውስጥ ላይ ስር ጋር እንደ ስለ የ ደግሞ ም ብቻ ሁሉ ሁሉም አንድ ሌላ ብለዋል አሉ ብሏል ገልጸዋል ተናግረዋል
        በዚህ በላይ እስከ
    """,
    # Characters: CJK text is cut at them, and a word made only of them is dropped (words.cjk_words).
    "zh": """
        的 了 是 在 和 与 及 也 就 都 而 并 对 这 那 有 为 将 从 把 被 让 向 于 以 其 之 等 中 上 下 个 们 我 你
        他 她 它 说 称 表 示 据 日 月 年 周 今 该 此 或 但 还 又 已 会 要 可 能 不 没 所 着 过
    """,
}

#: Stop words per language code; an unknown language gets no stop words.
STOPWORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in _RAW.items()}


def stopwords(lang: str) -> frozenset[str]:
    """The stop words of ``lang`` (an ISO 639-1 code); empty for a language we have no list for."""
    return STOPWORDS.get(lang, frozenset())

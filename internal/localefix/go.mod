module early.qingfeng/localefix

go 1.26.0

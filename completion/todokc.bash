# Bash completion for todokc(1).                          -*- shell-script -*-
# Installed as PREFIX/share/bash-completion/completions/todokc (loaded on
# demand by bash-completion); without bash-completion, source this file from
# ~/.bashrc. It needs nothing from bash-completion.
#
# Completes the options; the values of --format (yaml json), --emit (dot),
# --diagnostics (json text), --capacity (cpu= memory=) and -D (the params of
# the .todok file on the command line); files for --env-file and --depfile;
# folders for -o; and .todok files (and folders) for the input. Both
# "--opt VALUE" and "--opt=VALUE" are understood.  The subcommand
# `todokc import compose` (offered for a first word that begins it) gets its
# own options, --expose's values, and Compose files (*.yml, *.yaml).

# Prints the candidates (one a line) for the value VALUE of option OPT.
_todokc_values()
{
    local IFS=$' \t\n'
    local opt=$1 value=$2 input
    case $opt in
    --format) compgen -W 'yaml json' -- "$value" ;;
    --emit) compgen -W 'dot' -- "$value" ;;
    --diagnostics) compgen -W 'json text' -- "$value" ;;
    --capacity)
        case $value in
        *=*) ;;
        *) compgen -W 'cpu= memory=' -- "$value" ;;
        esac ;;
    --env-file | --depfile) compgen -f -- "$value" ;;
    -o) compgen -d -- "$value" ;;
    -D)
        input=$(_todokc_input)
        [[ -n $input && -r $input ]] || return 0
        local params
        params=$(grep -oE '(^|[[:space:]{])param[[:space:]]+[a-z][-a-z0-9]*' -- "$input" 2>/dev/null |
            sed -E 's/.*param[[:space:]]+//')
        compgen -W "$params" -S '=' -- "$value" ;;
    --wait-image) ;;
    esac
}

# The input file named so far on the command line (the first word that is
# neither an option nor an option's value), if any.
_todokc_input()
{
    local i w skip=''
    for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
        ((i == COMP_CWORD)) && continue
        w=${COMP_WORDS[i]}
        if [[ -n $skip ]]; then
            skip=''
            [[ $w == = ]] && skip=1 # --opt = value, split at '='
            continue
        fi
        case $w in
        -o | -D | --format | --env-file | --depfile | --emit | --capacity | --wait-image | --diagnostics)
            skip=1 ;;
        -) ;;
        -*) ;;
        *)
            printf '%s\n' "$w"
            return ;;
        esac
    done
}

# `todokc import compose ...`: prints the candidates for the word cur,
# after prev.
_todokc_import()
{
    local IFS=$' \t\n'
    local cur=$1 prev=$2
    if ((COMP_CWORD == 2)); then
        compgen -W 'compose' -- "$cur"
        return
    fi
    case $prev in
    --expose) compgen -W 'nodeport loadbalancer clusterip' -- "$cur" ;;
    --env-file) compgen -f -- "$cur" ;;
    -o) compgen -f -X '!*.todok' -- "$cur"; compgen -d -- "$cur" ;;
    --profile | --name) ;;
    *)
        if [[ $cur == -* ]]; then
            compgen -W '-o --force --expose --env-file --profile --name --werror
                --diagnostics=json --diagnostics=text --help' -- "$cur"
        else
            compgen -f -X '!*.@(yml|yaml)' -- "$cur"
            compgen -d -- "$cur"
        fi ;;
    esac
}

_todokc()
{
    local IFS=$' \t\n'
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' prev2='' opt='' value='' prefix=''
    ((COMP_CWORD >= 1)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    ((COMP_CWORD >= 2)) && prev2=${COMP_WORDS[COMP_CWORD - 2]}
    COMPREPLY=()
    if ((COMP_CWORD >= 2)) && [[ ${COMP_WORDS[1]} == import ]]; then
        compopt -o filenames 2>/dev/null
        local -a found
        mapfile -t found < <(shopt -s extglob; _todokc_import "$cur" "$prev")
        [[ ${#found[@]} -gt 0 && -n ${found[0]} ]] && COMPREPLY=("${found[@]}")
        return 0
    fi

    # Which option's value is being completed, if any.
    if [[ $cur == = && $prev == --* ]]; then # "--opt=" split at '='
        opt=$prev value=
    elif [[ $prev == = && $prev2 == --* ]]; then # "--opt=val" split at '='
        opt=$prev2 value=$cur
    elif [[ $cur == --*=* ]]; then # '=' is not a word break
        opt=${cur%%=*} value=${cur#*=} prefix=$opt=
    elif [[ $cur == -D?* ]]; then # -DNAME=VALUE
        opt=-D value=${cur#-D} prefix=-D
    else
        case $prev in
        -o | -D | --format | --env-file | --depfile | --emit | --capacity | --wait-image | --diagnostics)
            opt=$prev value=$cur ;;
        esac
    fi

    local candidates
    if [[ -n $opt ]]; then
        case $opt in
        --env-file | --depfile | -o) compopt -o filenames 2>/dev/null ;;
        --capacity | -D) compopt -o nospace 2>/dev/null ;;
        esac
        candidates=$(_todokc_values "$opt" "$value")
    elif [[ $cur == -* ]]; then
        candidates=$(compgen -W '-o -D --format --env-file --check --depfile
            --emit --capacity --no-wait --wait-image --werror --fail-if-locked
            --diagnostics=json --diagnostics=text --version --help' -- "$cur")
        [[ $candidates == *= ]] && compopt -o nospace 2>/dev/null
    else
        compopt -o filenames 2>/dev/null
        candidates=$(compgen -f -X '!*.todok' -- "$cur"; compgen -d -- "$cur")
        if ((COMP_CWORD == 1)) && [[ -n $cur && import == "$cur"* ]]; then
            candidates=$(printf 'import\n%s' "$candidates")
        fi
    fi
    [[ -n $candidates ]] || return 0
    local -a list
    local c
    mapfile -t list <<<"$candidates"
    for c in "${list[@]}"; do
        COMPREPLY+=("$prefix$c")
    done
}
complete -F _todokc todokc
